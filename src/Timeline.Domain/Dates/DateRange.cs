namespace Timeline.Domain.Dates;

/// <summary>A span between two historical dates, such as "1992-1997"; EDTF <c>1992/1997</c>.</summary>
public sealed record DateRange
{
    public HistoricalDate Start { get; }
    public HistoricalDate End { get; }

    public DateRange(HistoricalDate start, HistoricalDate end)
    {
        if (end.UpperBound < start.LowerBound)
            throw new ArgumentException($"A span cannot end ({end}) before it starts ({start}).", nameof(end));
        Start = start;
        End = end;
    }

    public DateOnly LowerBound => Start.LowerBound;
    public DateOnly UpperBound => End.UpperBound;

    public string ToEdtf() => $"{Start.ToEdtf()}/{End.ToEdtf()}";
    public override string ToString() => ToEdtf();

    public static DateRange ParseEdtf(string text)
    {
        var parts = text.Split('/');
        if (parts.Length != 2)
            throw new FormatException($"'{text}' is not an EDTF interval (expected e.g. 1992/1997).");
        return new DateRange(HistoricalDate.ParseEdtf(parts[0]), HistoricalDate.ParseEdtf(parts[1]));
    }
}
