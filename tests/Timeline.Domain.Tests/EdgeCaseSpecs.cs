using Timeline.Domain.Actors;
using Timeline.Domain.Countries;
using Timeline.Domain.Dates;
using Timeline.Domain.Events;

namespace Timeline.Domain.Tests;

public class historical_dates_at_the_edges
{
    [Fact]
    public void february_29_exists_only_in_leap_years()
    {
        Assert.True(HistoricalDate.TryParseEdtf("2016-02-29", out _));
        Assert.False(HistoricalDate.TryParseEdtf("2015-02-29", out _));
        Assert.Throws<ArgumentOutOfRangeException>(() => HistoricalDate.OfDay(1900, 2, 29));
    }

    [Fact]
    public void a_month_ends_on_its_own_last_day()
    {
        Assert.Equal(new DateOnly(2016, 2, 29), HistoricalDate.OfMonth(2016, 2).UpperBound);
        Assert.Equal(new DateOnly(2015, 2, 28), HistoricalDate.OfMonth(2015, 2, DateQualifier.Late).UpperBound);
    }

    [Theory]
    [InlineData(DateQualifier.Early, 1, 1, 4, 30)]
    [InlineData(DateQualifier.Mid, 5, 1, 8, 31)]
    [InlineData(DateQualifier.Late, 9, 1, 12, 31)]
    public void early_mid_and_late_years_are_thirds_of_the_year(DateQualifier qualifier, int fromMonth, int fromDay, int toMonth, int toDay)
    {
        var date = HistoricalDate.OfYear(2015, qualifier);

        Assert.Equal(new DateOnly(2015, fromMonth, fromDay), date.LowerBound);
        Assert.Equal(new DateOnly(2015, toMonth, toDay), date.UpperBound);
        Assert.Equal(date, HistoricalDate.ParseEdtf(date.ToEdtf()));
    }

    [Fact]
    public void an_approximate_date_keeps_its_bounds_and_sorts_after_the_exact_one()
    {
        var exact = HistoricalDate.OfDay(2020, 9, 16);
        var approximate = HistoricalDate.OfDay(2020, 9, 16, approximate: true);

        Assert.Equal("2020-09-16~", approximate.ToEdtf());
        Assert.Equal(exact.LowerBound, approximate.LowerBound);
        Assert.True(exact < approximate);
    }

    [Fact]
    public void a_qualified_day_is_refused_because_early_mid_late_qualify_months_and_years()
    {
        Assert.Throws<ArgumentException>(() => new HistoricalDate(2015, 9, 1, DateQualifier.Late));
        Assert.Throws<ArgumentException>(() => new HistoricalDate(2015, null, 1));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(10000)]
    public void a_year_outside_1_to_9999_is_refused(int year) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => HistoricalDate.OfYear(year));

    [Fact]
    public void a_day_lies_within_its_month_and_its_year_and_overlaps_them()
    {
        var day = HistoricalDate.OfDay(2015, 9, 29);

        Assert.True(day.IsWithin(HistoricalDate.OfMonth(2015, 9, DateQualifier.Late)));
        Assert.True(day.IsWithin(HistoricalDate.OfYear(2015)));
        Assert.False(day.IsWithin(HistoricalDate.OfMonth(2015, 9, DateQualifier.Early)));
        Assert.True(HistoricalDate.OfYear(2015).Overlaps(day));
    }
}

public class country_codes
{
    [Theory]
    [InlineData("TJ", "TJ")]
    [InlineData("tj", "TJ")]
    [InlineData(" de ", "DE")]
    public void parse_in_any_case_and_spacing_to_the_upper_case_code(string text, string code) =>
        Assert.Equal(code, CountryCode.Parse(text).Value);

    [Theory]
    [InlineData("UK")]
    [InlineData("XX")]
    [InlineData("TJK")]
    [InlineData("")]
    [InlineData(null)]
    public void refuse_what_is_not_an_iso_3166_alpha_2_code(string? text) =>
        Assert.False(CountryCode.TryParse(text, out _));

    [Fact]
    public void have_english_names_both_ways()
    {
        Assert.Equal("Tajikistan", CountryCode.Parse("TJ").Name);
        Assert.True(CountryCode.TryFromName("tajikistan", out var tj));
        Assert.Equal(CountryCode.Parse("TJ"), tj);
        Assert.False(CountryCode.TryFromName("Atlantis", out _));
    }

    [Fact]
    public void cover_the_whole_standard_once_each() =>
        Assert.InRange(CountryCode.All.Distinct().Count(), 249, 250);
}

public class actor_ids
{
    [Theory]
    [InlineData("Muhiddin Kabiri", "muhiddin-kabiri")]
    [InlineData("Islamic Renaissance Party of Tajikistan (IRPT)", "islamic-renaissance-party-of-tajikistan-irpt")]
    [InlineData("Ya'qub Salim", "yaqub-salim")]
    [InlineData("Group 24", "group-24")]
    public void are_stable_slugs_of_display_names(string name, string slug) =>
        Assert.Equal(slug, ActorId.FromName(name).Value);

    [Fact]
    public void accented_letters_become_their_plain_letters() =>
        Assert.Equal("emomali-rahmon", ActorId.FromName("  Émomalí   Rahmón  ").Value);

    [Fact]
    public void a_name_without_letters_or_digits_has_no_slug() =>
        Assert.Throws<ArgumentException>(() => ActorId.FromName("— ! —"));

    [Fact]
    public void a_very_long_name_is_cut_to_the_maximum_length_without_a_trailing_hyphen()
    {
        var id = ActorId.FromName(string.Join(' ', Enumerable.Repeat("word", 40)));

        Assert.InRange(id.Value.Length, 1, ActorId.MaxLength);
        Assert.False(id.Value.EndsWith('-'));
        Assert.True(ActorId.TryParse(id.Value, out _));
    }

    [Theory]
    [InlineData("Upper")]
    [InlineData("-leading")]
    [InlineData("trailing-")]
    [InlineData("double--hyphen")]
    [InlineData("under_score")]
    [InlineData("")]
    public void refuse_what_is_not_a_slug(string text) =>
        Assert.False(ActorId.TryParse(text, out _));
}

public class article_stream_names
{
    [Fact]
    public void are_article_dash_id_and_give_the_id_back()
    {
        var id = ArticleId.Parse("asia-plus.2020-09-16_outage");

        Assert.Equal("article-asia-plus.2020-09-16_outage", id.StreamName);
        Assert.True(ArticleStreams.TryGetArticleId(id.StreamName, out var back));
        Assert.Equal(id, back);
    }

    [Theory]
    [InlineData("has space")]
    [InlineData("slash/inside")]
    [InlineData("")]
    public void refuse_ids_that_would_not_make_a_clean_stream_name(string text) =>
        Assert.False(ArticleId.TryParse(text, out _, out _));
}
