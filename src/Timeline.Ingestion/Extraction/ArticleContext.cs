using Timeline.Domain.Actors;
using Timeline.Domain.Countries;
using Timeline.Domain.Events;
using Timeline.Ingestion.Actors;
using Timeline.Ingestion.Dates;
using Timeline.Ingestion.Gazetteer;

namespace Timeline.Ingestion.Extraction;

/// <summary>Everything known about one article while its events are extracted.</summary>
public sealed class ArticleContext
{
    public required ArticleId ArticleId { get; init; }
    public required PublicationContext Publication { get; init; }
    public required SentenceView[] Views { get; init; }
    public required ArticleNames Names { get; init; }
    public CountryCode? MainCountry => Names.MainCountry;

    private readonly Dictionary<ActorId, ArticleActor> _countries = new();

    /// <summary>
    /// A country named as a place, as the one actor of this article that stands for its state ("the United States
    /// said"): the actor the article already knows by that id, else one made once and kept.
    /// </summary>
    public ArticleActor CountryActor(GazetteerEntry country)
    {
        if (_countries.TryGetValue(country.Id, out var known)) return known;
        var actor = Names.All.FirstOrDefault(a => a.Id == country.Id) ?? ArticleActor.From(country);
        _countries[country.Id] = actor;
        return actor;
    }
    /// <summary>The headline from the article's metadata, when it has one (a plain-text article's headline is its first sentence).</summary>
    public string? Title { get; init; }

    public List<StatementDraft> Statements { get; } = [];
    public List<ConferenceDraft> Conferences { get; } = [];
    public List<BanDraft> Bans { get; } = [];
    public List<OutageDraft> Outages { get; } = [];

    /// <summary>The sentence right before <paramref name="view"/> when it is in the same paragraph, else null.</summary>
    public SentenceView? BeforeInParagraph(SentenceView view) =>
        view.Index > 0 && Views[view.Index - 1] is var before && before.Sentence.Paragraph == view.Sentence.Paragraph ? before : null;

    /// <summary>"the congress": the one meeting the article reported under that noun, or null when none or several were.</summary>
    public ConferenceDraft? OnlyConferenceCalled(string noun)
    {
        ConferenceDraft? found = null;
        foreach (var c in Conferences)
        {
            if (!c.Noun.Equals(noun, StringComparison.OrdinalIgnoreCase)) continue;
            if (found is not null) return null;
            found = c;
        }
        return found;
    }

    /// <summary>The most recent mention of an actor of one of the kinds before token <paramref name="token"/> of sentence <paramref name="sentence"/>.</summary>
    public ArticleActor? LastMentioned(int sentence, int token, params ActorKind[] kinds)
    {
        for (var s = sentence; s >= 0 && s >= sentence - 6; s--)
        {
            var mentions = Views[s].Actors;
            for (var k = mentions.Count - 1; k >= 0; k--)
            {
                var m = mentions[k];
                if (s == sentence && m.TokenStart >= token) continue;
                if (!m.IsPronoun && kinds.Contains(m.Actor.Kind)) return m.Actor;
            }
        }
        return null;
    }

    /// <summary>The country of an event: the first place named, else the actor's, else what the article is most about.</summary>
    public CountryCode? CountryOf(SentenceView view, params ArticleActor?[] actors)
    {
        foreach (var a in actors)
            if (a?.Country is { } c) return c;
        return FirstCountryNamed(view) ?? MainCountry;
    }

    /// <summary>The first country the sentence names: a place, a demonym, or a state body ("Cuban authorities").</summary>
    public static CountryCode? FirstCountryNamed(SentenceView view, int nearToken = -1)
    {
        var candidates = view.Places.Where(p => !view.Quoted[p.TokenStart]).Select(p => (p.TokenStart, Country: (CountryCode?)p.Country))
            .Concat(view.Actors.Where(a => a.Actor.Kind is ActorKind.GovernmentBody or ActorKind.Country && a.Actor.Country is not null && !view.Quoted[a.TokenStart])
                .Select(a => (a.TokenStart, a.Actor.Country)));
        return nearToken < 0
            ? candidates.OrderBy(c => c.TokenStart).Select(c => c.Country).FirstOrDefault()
            : candidates.OrderBy(c => Math.Abs(c.TokenStart - nearToken)).Select(c => c.Country).FirstOrDefault();
    }
}
