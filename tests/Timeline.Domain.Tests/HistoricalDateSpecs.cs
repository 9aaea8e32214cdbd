using Timeline.Domain.Dates;

namespace Timeline.Domain.Tests;

public class historical_dates_in_edtf
{
    [Theory]
    [InlineData("2015")]
    [InlineData("2015-09")]
    [InlineData("2015-09~")]
    [InlineData("2017-07-09")]
    [InlineData("2015-09-21/2015-09-30")]
    [InlineData("2015-09/2015-12")]
    public void round_trip_through_their_text_form(string edtf) =>
        Assert.Equal(edtf, HistoricalDate.ParseEdtf(edtf).ToEdtf());

    [Fact]
    public void late_september_2015_is_the_last_ten_days_of_the_month()
    {
        var late = HistoricalDate.OfMonth(2015, 9, DateQualifier.Late);

        Assert.Equal(new DateOnly(2015, 9, 21), late.LowerBound);
        Assert.Equal(new DateOnly(2015, 9, 30), late.UpperBound);
        Assert.Equal(late, HistoricalDate.ParseEdtf(late.ToEdtf()));
        Assert.Equal("late Sep 2015", late.ToDisplay());
    }

    [Theory]
    [InlineData("2015-02-30")]
    [InlineData("2015-13")]
    [InlineData("15")]
    [InlineData("")]
    [InlineData("2015-09-01/2015-09-17")]
    public void reject_what_is_not_a_real_date(string text) =>
        Assert.False(HistoricalDate.TryParseEdtf(text, out _));

    [Fact]
    public void order_by_lower_bound_then_the_more_precise_first()
    {
        var dates = new[]
        {
            HistoricalDate.ParseEdtf("2017-07-09"),
            HistoricalDate.ParseEdtf("2015"),
            HistoricalDate.ParseEdtf("2015-09"),
            HistoricalDate.OfMonth(2015, 9, DateQualifier.Late),
            HistoricalDate.ParseEdtf("2015-01"),
            HistoricalDate.ParseEdtf("2015-09-21"),
        };

        var ordered = dates.Order().Select(d => d.ToEdtf()).ToArray();

        Assert.Equal(["2015-01", "2015", "2015-09", "2015-09-21", "2015-09-21/2015-09-30", "2017-07-09"], ordered);
    }
}

public class every_date_read_back_from_its_edtf
{
    [Fact]
    public void is_the_same_date_every_time_it_is_read_and_impossible_ones_are_refused()
    {
        // Given every day, month and year of a leap year, exact and approximate, and every early/mid/late part
        var dates = new List<HistoricalDate>();
        for (var day = new DateOnly(2024, 1, 1); day.Year == 2024; day = day.AddDays(1))
        {
            dates.Add(HistoricalDate.OfDay(day));
            dates.Add(HistoricalDate.OfDay(day.Year, day.Month, day.Day, approximate: true));
        }
        foreach (var q in Enum.GetValues<DateQualifier>())
        {
            dates.Add(HistoricalDate.OfYear(2024, q));
            for (var m = 1; m <= 12; m++) dates.Add(HistoricalDate.OfMonth(2024, m, q));
        }

        // Then each reads back as itself, the first time and again (the intervals are remembered once worked out)
        foreach (var d in dates)
        {
            Assert.Equal(d, HistoricalDate.ParseEdtf(d.ToEdtf()));
            Assert.Equal(d, HistoricalDate.ParseEdtf(d.ToEdtf()));
        }

        // And texts that are not real EDTF dates are refused
        foreach (var bad in new[] { "2023-02-29", "2024-13", "2024-00", "0000", "202", "2024-9", "2024-09-1", "2024-09-01x", "2024/09", "2024-09-01/2024-09-05", "24-09-01~" })
            Assert.False(HistoricalDate.TryParseEdtf(bad, out _), bad);
    }
}
