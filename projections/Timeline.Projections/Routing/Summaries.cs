using System.Globalization;
using System.Text.RegularExpressions;
using Timeline.Domain.Actors;
using Timeline.Domain.Events;

namespace Timeline.Projections.Routing;

/// <summary>One line per event for people reading a timeline ("IRPT designated a terrorist organization by the Supreme Court of Tajikistan").</summary>
public static partial class Summaries
{
    private const int MaxQuote = 110;

    public static string Of(TimelineEvent e) => e switch
    {
        PartyBanned b => PartyBannedLine(b),
        ConferenceHeld c => ConferenceLine(c),
        InternetOutage o => OutageLine(o),
        StatementMade s => StatementLine(s),
        _ => e.GetType().Name,
    };

    private static string PartyBannedLine(PartyBanned b)
    {
        var party = ShortName(b, b.Party);
        var line = b.Designation is { Length: > 0 } d
            ? $"{party} designated {Article(d)} {d}"
            : $"{party} banned";
        if (b.BanningAuthority is { } authority) line += $" by {NameOf(b, authority)}";
        if (b.LegalAct is { Length: > 0 } act) line += $" ({act})";
        return line;
    }

    private static string ConferenceLine(ConferenceHeld c)
    {
        var line = c.Name;
        line += c.Format == MeetingFormat.Online
            ? " held online"
            : c.Place is { Length: > 0 } place ? $" held in {place}" : " held";
        if (c.Organizer is { } organizer) line += $", hosted by {NameOf(c, organizer)}";
        if (c.Attendance is { } n)
            line += c.ExpectedAttendance is { } expected
                ? $"; about {n.ToString(CultureInfo.InvariantCulture)} attended ({expected.ToString(CultureInfo.InvariantCulture)} expected)"
                : $"; about {n.ToString(CultureInfo.InvariantCulture)} attended";
        return line;
    }

    private static string OutageLine(InternetOutage o)
    {
        var extent = o.Extent switch
        {
            OutageExtent.National => "Nationwide internet outage",
            OutageExtent.Regional => "Regional internet outage",
            OutageExtent.Local => "Local internet outage",
            _ => "Internet outage",
        };
        var line = $"{extent} in {o.Country.Name}";
        if (o.Networks.Count > 0) line += $" ({string.Join(", ", o.Networks)})";
        if (o.DurationText is { Length: > 0 } duration) line += $", {duration}";
        if (o.OfficialExplanation is { Length: > 0 } why) line += $"; officials cited \"{why}\"";
        return line;
    }

    private static string StatementLine(StatementMade s)
    {
        var speaker = NameOf(s, s.Speaker);
        if (s.Quotes.Count > 0) return $"{speaker}: \u201c{Trim(s.Quotes[0])}\u201d";
        if (s.Gist is { Length: > 0 } gist) return $"{speaker} said {Trim(gist)}";
        return $"{speaker} made a statement";
    }

    internal static string Trim(string text)
    {
        text = text.Trim();
        // Most quotes are spaced with single spaces, which the replace gives back as they are, in a new string: a
        // replay summarises a million events, and skipping it there saves the replace's allocations.
        if (NotSingleSpaced().IsMatch(text)) text = Whitespace().Replace(text, " ");
        return text.Length <= MaxQuote ? text : text[..text.LastIndexOf(' ', MaxQuote)].TrimEnd(',', ';', ':') + "\u2026";
    }

    private static string NameOf(TimelineEvent e, ActorId id)
    {
        // A loop rather than FirstOrDefault with a lambda, which allocates a closure for every summary.
        foreach (var a in e.Actors)
            if (a.Id == id) return a.Name ?? id.Value;
        return id.Value;
    }

    /// <summary>The acronym in "Islamic Renaissance Party of Tajikistan (IRPT)": people know parties by it.</summary>
    private static string ShortName(TimelineEvent e, ActorId id)
    {
        var name = NameOf(e, id);
        var m = Acronym().Match(name);
        return m.Success ? m.Groups[1].Value : name;
    }

    private static string Article(string noun) => noun.Length > 0 && "aeiouAEIOU".Contains(noun[0]) ? "an" : "a";

    [GeneratedRegex(@"\(([A-Z][A-Z0-9\-]{1,11})\)\s*$")]
    private static partial Regex Acronym();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    /// <summary>Whitespace that <see cref="Whitespace"/>'s replace by one space would change: other than a space, or two in a row.</summary>
    [GeneratedRegex(@"[^\S ]|\s\s")]
    private static partial Regex NotSingleSpaced();
}
