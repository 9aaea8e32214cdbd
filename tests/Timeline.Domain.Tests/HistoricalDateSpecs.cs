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
