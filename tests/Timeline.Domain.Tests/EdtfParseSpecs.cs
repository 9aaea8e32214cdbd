using Timeline.Domain.Dates;

namespace Timeline.Domain.Tests;

public class edtf_read_by_hand
{
    public static TheoryData<string> EdgeCases => new(
        "2015-09/2015-10", "2015-09-21/2015-09-30", "2015-09-11/2015-09-20", "2015-09-01/2015-09-10", "2015-01/2015-04", "2015-05/2015-08",
        "2015-09/2015-12", "2015-09/2015-12~", "2015/2016", "2015-09-21/2015-09-31", "2015-09-21/2015-09-30 ", " 2015-09-21/2015-09-30",
        "2015-09-21 / 2015-09-30", "2015-02-21/2015-02-28", "2016-02-21/2016-02-29", "0000-09-21/0000-09-30", "2015-13-21/2015-13-30",
        "2015-09~", "2015-09?", "2015-09%", "2015~", "2015-09-16?", "2015-09-16%", "2015~~", "~2015", "2015-09~?", "~", "?", "%",
        "2015-00", "2015-13", "2015-99", "2015-02-30", "2015-02-29", "2016-02-29", "2015-04-31", "2015-09-00", "0000", "0001", "9999-12-31",
        "2015-9", "2015-09-1", "201", "20150", "2015-", "2015-09-", "2015/", "/2015", "2015-09-01x", "2015-09-01/",
        "", " ", "\t2015\n", "2015\n", "\u00a02015\u2003", "２０１５", "٢٠١٥", "2015-٠٩", "2015-09-٠١", "٢٠١٥-09~", "٢٠١٥-09/٢٠١٥-12",
        "2015-09/٢٠١٥-12", "2015-٠٩-21/2015-09-30", "𝟚𝟘𝟙𝟝", "2015-09-21/2015-09-30/2015");

    [Theory]
    [MemberData(nameof(EdgeCases))]
    public void agree_with_the_regular_expressions_they_replaced(string text) => AssertSame(text);

    [Fact]
    public void agree_with_the_regular_expressions_on_every_shape_of_digits_separators_and_qualifiers()
    {
        // Given every combination of a few digit runs, separators and endings, in ASCII and another script's digits
        string[] years = ["2015", "0000", "0001", "9999", "٢٠١٥", "201", "20150"];
        string[] months = ["", "-01", "-02", "-09", "-12", "-00", "-13", "-٠٩", "-9", "-090"];
        string[] days = ["", "-01", "-10", "-11", "-20", "-21", "-28", "-29", "-30", "-31", "-00", "-32", "-٠١"];
        string[] ends = ["", "~", "?", "%", "~~", "x", " "];
        var singles = (from y in years from m in months from d in days from e in ends select y + m + d + e).ToList();
        foreach (var text in singles) AssertSame(text);

        // And every interval of two of them
        var plain = (from y in years.Take(4) from m in months.Take(6) from d in days.Take(10) select y + m + d).ToList();
        foreach (var a in plain.Where((_, i) => i % 3 == 0))
            foreach (var b in plain) AssertSame(a + "/" + b);
    }

    [Fact]
    public void agree_with_the_regular_expressions_whatever_character_ends_a_year()
    {
        // The expressions' \d is every script's decimal digit: the hand-written shapes must take the same characters.
        for (var c = char.MinValue; c < char.MaxValue; c++) AssertSame("201" + c);
    }

    [Fact]
    public void read_the_intervals_of_early_mid_and_late_as_the_qualified_month_or_year()
    {
        Assert.Equal(HistoricalDate.OfMonth(2015, 9, DateQualifier.Late), HistoricalDate.ParseEdtf("2015-09-21/2015-09-30"));
        Assert.Equal(HistoricalDate.OfMonth(2016, 2, DateQualifier.Late), HistoricalDate.ParseEdtf("2016-02-21/2016-02-29"));
        Assert.Equal(HistoricalDate.OfYear(2015, DateQualifier.Late), HistoricalDate.ParseEdtf("2015-09/2015-12"));
        Assert.Equal(HistoricalDate.OfYear(2015, DateQualifier.Early), HistoricalDate.ParseEdtf("2015-01/2015-04"));
    }

    [Theory]
    [InlineData("2015-09/2015-10")]
    [InlineData("2015-09-21/2015-09-31")]
    [InlineData("2015/2016")]
    [InlineData("2015-02-30")]
    [InlineData("2015-13")]
    [InlineData("2015-00-01")]
    [InlineData("٢٠١٥-09/٢٠١٥-12")]
    public void refuse_intervals_that_are_no_early_mid_or_late_part_and_days_that_do_not_exist(string text)
    {
        Assert.False(HistoricalDate.TryParseEdtf(text, out _, out var error));
        Assert.Contains(text, error);
    }

    [Theory]
    [InlineData("2015-09~")]
    [InlineData("2015-09?")]
    [InlineData("2015-09%")]
    public void read_every_qualifier_as_approximate(string text) =>
        Assert.Equal(HistoricalDate.OfMonth(2015, 9, DateQualifier.Approximate), HistoricalDate.ParseEdtf(text));

    [Fact]
    public void throw_on_a_single_date_in_another_script_as_the_regular_expressions_did() =>
        // \d matched those digits and int.Parse refused them; kept as it was, and the stored-event decoder catches it.
        Assert.Throws<FormatException>(() => HistoricalDate.TryParseEdtf("٢٠١٥", out _, out _));

    private static void AssertSame(string text)
    {
        var expected = Outcome(() => (RegexEdtfReference.TryParseEdtf(text, out var d, out var e), d, e));
        var actual = Outcome(() => (HistoricalDate.TryParseEdtf(text, out var d, out var e), d, e));
        var fromSpan = Outcome(() => (HistoricalDate.TryParseEdtf(text.AsSpan(), out var d, out var e), d, e));
        Assert.Equal(expected, actual);
        Assert.Equal(expected, fromSpan);
    }

    private static string Outcome(Func<(bool Parsed, HistoricalDate? Date, string Error)> parse)
    {
        try
        {
            var (parsed, date, error) = parse();
            return parsed ? $"date {date!.Year}/{date.Month}/{date.Day}/{date.Qualifier}" : $"refused: {error}";
        }
        catch (Exception ex)
        {
            return $"{ex.GetType().Name}: {ex.Message}";
        }
    }
}
