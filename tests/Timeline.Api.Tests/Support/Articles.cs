using System.Globalization;
using Timeline.Api.V1;

namespace Timeline.Api.Tests.Support;

/// <summary>Articles for ingestion through the gRPC call, written so that the extractor finds one statement in each.</summary>
public static class Articles
{
    /// <param name="speaker">A person's full name; the last word is how the article refers to them again.</param>
    /// <param name="date">The day of the statement, yyyy-MM-dd; the article is published the day after.</param>
    public static IngestArticleRequest Statement(string id, string speaker, string date, string quote)
    {
        var day = DateOnly.ParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var published = day.AddDays(1);
        var surname = speaker.Split(' ')[^1];
        return new IngestArticleRequest
        {
            Id = id,
            Title = $"{speaker} speaks",
            Outlet = "Test Outlet",
            Url = $"https://example.org/{id}",
            Published = published.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            Body = $"DUSHANBE, {published.ToString("MMMM d", CultureInfo.InvariantCulture)} — {speaker}, a spokesman for the Ministry of Culture, " +
                   $"said on {day.ToString("MMMM d, yyyy", CultureInfo.InvariantCulture)} that the new theatre season would open soon. " +
                   $"\"{quote}\" {surname} said in a statement.",
        };
    }
}
