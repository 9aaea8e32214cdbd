using Timeline.Domain.Dates;

namespace Timeline.Ingestion.Dates;

public enum DateMentionKind
{
    /// <summary>The text gives the year ("July 9, 2017", "late September 2015", "in 2015").</summary>
    Absolute,
    /// <summary>Resolved against the publication date ("on July 30", "yesterday", "last November").</summary>
    Relative,
    /// <summary>A span of years or dates ("1992-1997", "between 1992 and 1997"): background, not an event date.</summary>
    Span,
    /// <summary>"around the same time", "that day": the last date the article named.</summary>
    Anaphoric,
}

/// <summary>A date expression found in a sentence, with what it resolves to.</summary>
public sealed record DateMention(int Start, int Length, string Text, HistoricalDate? Date, DateMentionKind Kind, double Confidence)
{
    public int End => Start + Length;
    /// <summary>Preceded by "after", "before", "since", …: a reference point, not when the sentence's event happened.</summary>
    public bool IsReference { get; init; }
}
