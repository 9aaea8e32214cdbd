using Timeline.Domain.Dates;
using Timeline.Ingestion.Articles;
using Timeline.Ingestion.Dates;
using Timeline.Ingestion.Text;

namespace Timeline.Ingestion.Tests;

public class resolving_dates
{
    private static readonly PublicationContext Published = new() { Day = new DateOnly(2020, 9, 18) };

    private static List<DateMention> Find(string text, PublicationContext? publication = null) =>
        DateResolver.Default.Find(SentenceSplitter.Default.Split(text)[0], publication ?? Published);

    private static string? First(string text, PublicationContext? publication = null) =>
        Find(text, publication).FirstOrDefault(m => m.Date is not null)?.Date?.ToEdtf();

    [Theory]
    [InlineData("It happened on July 9, 2017 in Dortmund.", "2017-07-09")]
    [InlineData("It happened on 9 July 2017 in Dortmund.", "2017-07-09")]
    [InlineData("It happened on 2017-07-09 in Dortmund.", "2017-07-09")]
    [InlineData("It was banned in September 2015.", "2015-09")]
    [InlineData("It was banned in late September 2015.", "2015-09-21/2015-09-30")]
    [InlineData("It was banned in early 2015.", "2015-01/2015-04")]
    [InlineData("It was banned in mid-June 2020.", "2020-06-11/2020-06-20")]
    [InlineData("It was banned in 2015.", "2015")]
    public void absolute_dates_keep_the_precision_of_the_text(string text, string edtf) =>
        Assert.Equal(edtf, First(text));

    [Theory]
    [InlineData("He spoke on July 30.", "2020-07-30")]
    [InlineData("On the evening of September 16, phone lines went quiet.", "2020-09-16")]
    [InlineData("He left yesterday.", "2020-09-17")]
    [InlineData("Rahmon visited France last November.", "2019-11")]
    [InlineData("The court ruled on Wednesday.", "2020-09-16")]
    [InlineData("He spoke this week.", "2020-09")]
    [InlineData("It happened three days ago.", "2020-09-15")]
    public void relative_dates_resolve_against_the_publication_date(string text, string edtf) =>
        Assert.Equal(edtf, First(text));

    [Fact]
    public void a_day_later_than_publication_belongs_to_the_year_before()
    {
        var january = new PublicationContext { Day = new DateOnly(2021, 1, 5) };

        Assert.Equal("2020-12-30", First("The ban came on December 30.", january));
    }

    [Fact]
    public void a_span_of_years_is_background_not_an_event_date()
    {
        var mention = Assert.Single(Find("The civil war of 1992-1997 ended."));

        Assert.Equal(DateMentionKind.Span, mention.Kind);
    }

    [Fact]
    public void a_date_after_since_or_after_is_a_reference_point()
    {
        var mentions = Find("Officials have been jailed since 2015.");

        Assert.True(Assert.Single(mentions).IsReference);
    }

    [Theory]
    [InlineData("The court met on February 30, 2021.")]
    [InlineData("The court met on February 30.")]
    [InlineData("The court met on 31 April 2019.")]
    public void an_impossible_date_rejects_the_article(string text)
    {
        var error = Assert.Throws<ArticleRejectedException>(() => Find(text));

        Assert.Contains("impossible date", error.Message);
    }

    [Fact]
    public void without_a_publication_date_a_relative_day_has_no_year_to_invent()
    {
        Assert.Null(First("He spoke on July 30.", PublicationContext.None));
    }

    [Fact]
    public void the_year_is_inferred_from_arithmetic_the_text_does_itself()
    {
        // Given an article without a publication date that counts the years
        var body = "Rahmon has led the country since 1992 — 28 years. On the evening of September 16 the internet stopped.";
        var sentences = SentenceSplitter.Default.Split(body);

        // When the publication context is inferred
        var context = PublicationContext.Infer(body, DateResolver.Default.FullDates(sentences));

        // Then the year is 2020, honestly marked as an approximate year
        Assert.Equal(2020, context.InferredYear);
        Assert.Equal("2020~", context.AsStored!.ToEdtf());
        Assert.Equal("2020-09-16", DateResolver.Default.Find(sentences[1], context).Single().Date!.ToEdtf());
    }

    [Fact]
    public void the_year_is_inferred_from_the_latest_full_date_in_the_text()
    {
        var body = "The conference took place on July 9, 2017. He spoke on July 30.";
        var sentences = SentenceSplitter.Default.Split(body);

        var context = PublicationContext.Infer(body, DateResolver.Default.FullDates(sentences));

        Assert.Equal(2017, context.InferredYear);
        Assert.Equal(HistoricalDate.OfDay(2017, 7, 30), DateResolver.Default.Find(sentences[1], context).Single().Date);
    }
}
