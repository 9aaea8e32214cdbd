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
        // Names made up from the article ("online congress hosted by X", "conference in Vilnius") already say some of
        // what the line would add; each fact is said once.
        var name = c.Name;
        var line = char.ToUpperInvariant(name[0]) + name[1..];
        if (c.Format == MeetingFormat.Online) line += name.Contains("online", StringComparison.OrdinalIgnoreCase) ? "" : " held online";
        else if (c.Place is { Length: > 0 } place && !name.Contains(place, StringComparison.Ordinal)) line += $" held in {place}";
        else if (!name.Contains(" hosted by ", StringComparison.Ordinal)) line += " held";
        if (c.Organizer is { } organizer)
        {
            var host = NameOf(c, organizer);
            if (!name.Contains(host, StringComparison.Ordinal)) line += $", hosted by {host}";
        }
        // Without a host, who was there is what tells one meeting from another in a list of them.
        else if (c.Participants.Count > 0) line += ", with " + Listed(c, c.Participants);
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
        if (s.Gist is { Length: > 0 } gist) return IndirectSpeech.IsPredicate(gist) ? $"{speaker} {Trim(gist)}" : $"{speaker} said {Trim(gist)}";
        return $"{speaker} made a statement";
    }

    private static string Listed(TimelineEvent e, IReadOnlyList<ActorId> ids) => ids.Count switch
    {
        1 => ShortName(e, ids[0]),
        2 => $"{ShortName(e, ids[0])} and {ShortName(e, ids[1])}",
        _ => $"{ShortName(e, ids[0])}, {ShortName(e, ids[1])} and {(ids.Count - 2).ToString(CultureInfo.InvariantCulture)} more",
    };

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
