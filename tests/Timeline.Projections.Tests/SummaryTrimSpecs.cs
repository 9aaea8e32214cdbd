using System.Text.RegularExpressions;
using Timeline.Projections.Routing;

namespace Timeline.Projections.Tests;

/// <summary>
/// A summary quotes the first quote with its whitespace collapsed. The quote is only collapsed when it has whitespace
/// to collapse (replay speed); the live writer and a replay make the same summaries either way, so only a comparison
/// with the plain collapse can tell a difference.
/// </summary>
public sealed class a_quoted_summary
{
    [Theory]
    [InlineData("We will not stop")]
    [InlineData("  We will not stop  ")]
    [InlineData("We  will\tnot\nstop")]
    [InlineData("We\u00a0will\u2028not\u3000stop")]
    [InlineData("We \r\nwill")]
    [InlineData("one")]
    [InlineData("")]
    [InlineData("A quote long enough to be cut, with single spaces only, that goes on and on past the length a summary keeps, and on")]
    [InlineData("A quote long enough to be cut,  with a double space, that goes on and on past the length a summary keeps, and on")]
    public void is_the_quote_with_its_whitespace_collapsed(string quote)
    {
        // Given the collapse as it always was
        var collapsed = Regex.Replace(quote.Trim(), @"\s+", " ");
        var expected = collapsed.Length <= 110 ? collapsed : collapsed[..collapsed.LastIndexOf(' ', 110)].TrimEnd(',', ';', ':') + "\u2026";

        // When the summary trims the quote
        var trimmed = Summaries.Trim(quote);

        // Then it is the same text
        Assert.Equal(expected, trimmed);
    }
}
