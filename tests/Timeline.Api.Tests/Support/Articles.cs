using Timeline.Api.V1;

namespace Timeline.Api.Tests.Support;

/// <summary>Articles for ingestion through the gRPC call.</summary>
public static class Articles
{
    public static IngestArticleRequest Statement(string id, string speaker, string country, string date, string quote) => new()
    {
        Id = id,
        Title = $"{speaker} speaks",
        Outlet = "Test Outlet",
        Url = $"https://example.org/{id}",
        Published = date,
        Body = $"{speaker}|{country}|{date}|{quote}",
    };
}
