// TEST-ONLY stand-ins for the real handlers (extraction, projections) while those are built in parallel.
// They read the event store directly; they are registered only by TestServer when asked for, never by the product.
using System.Security.Cryptography;
using System.Text;
using MediatR;
using Timeline.Application;
using Timeline.Application.Ingestion.IngestArticle;
using Timeline.Application.Projections;
using Timeline.Application.Timelines;
using Timeline.Domain;
using Timeline.Domain.Actors;
using Timeline.Domain.Countries;
using Timeline.Domain.Dates;
using Timeline.Domain.Events;
using Timeline.EventStore;
using Timeline.EventStore.Serialization;

namespace Timeline.Api.Tests.Support;

/// <summary>
/// TEST-ONLY. An article body of lines "Speaker Name|CC|YYYY-MM-DD|quote" becomes one StatementMade per line,
/// appended with the article's ArticleIngested to article-&lt;id&gt; with expected revision no-stream.
/// </summary>
public sealed class TestOnlyIngestArticleHandler(IEventStore store) : IRequestHandler<IngestArticle, IngestArticleResult>
{
    public async Task<IngestArticleResult> Handle(IngestArticle request, CancellationToken cancellationToken)
    {
        var article = request.Article;
        var id = ArticleId.Parse(article.Id ?? Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(article.Body)))[..16].ToLowerInvariant());
        var statements = new List<TimelineEvent>();
        foreach (var (line, i) in article.Body.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select((l, i) => (l, i)))
        {
            var parts = line.Split('|');
            if (parts.Length != 4)
                return new IngestArticleResult { Outcome = IngestOutcome.Failed, Origin = article.Origin, Reason = $"line {i + 1} is not 'Speaker|CC|date|quote'" };
            statements.Add(TestEvents.Statement(id.Value, parts[0], parts[1], parts[3], i) with { Occurred = HistoricalDate.ParseEdtf(parts[2]) });
        }
        var ingested = new ArticleIngested
        {
            EventId = DeterministicGuid.Create(id.Value, "ingested"),
            ArticleId = id,
            Title = article.Title,
            ContentHash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(article.Body))),
            IngestedAt = DateTimeOffset.UtcNow,
            ExtractorVersion = "test-only",
            EventCount = statements.Count,
        };
        var events = new List<EventData> { DomainEventSerializer.Serialize(ingested) };
        events.AddRange(statements.Select(s => DomainEventSerializer.Serialize(s)));
        if ((await store.GetStreamState(id.StreamName, cancellationToken)).Exists)
            return new IngestArticleResult { Outcome = IngestOutcome.Duplicate, ArticleId = id.Value, Origin = article.Origin };
        try
        {
            var result = await store.AppendToStream(id.StreamName, ExpectedRevision.NoStream, events, cancellationToken);
            return new IngestArticleResult
            {
                Outcome = IngestOutcome.Ingested,
                ArticleId = id.Value,
                Origin = article.Origin,
                Position = result.Position.ToString(),
                EventsByType = new Dictionary<string, int> { ["StatementMade"] = statements.Count },
            };
        }
        catch (WrongExpectedRevisionException)
        {
            return new IngestArticleResult { Outcome = IngestOutcome.Duplicate, ArticleId = id.Value, Origin = article.Origin };
        }
    }
}

/// <summary>TEST-ONLY timelines computed from the whole log on every query.</summary>
public sealed class TestOnlyQueryHandlers(IEventStore store) :
    IRequestHandler<GetActorTimeline, ActorTimelineView>,
    IRequestHandler<GetCountryTimeline, CountryTimelineView>,
    IRequestHandler<FindActors, IReadOnlyList<ActorDirectoryEntryView>>,
    IRequestHandler<GetProjectionStatus, IReadOnlyList<ProjectionStatusView>>,
    IRequestHandler<ReplayProjections, ReplayResult>
{
    private async Task<List<TimelineEvent>> All(CancellationToken cancellationToken)
    {
        var events = new List<TimelineEvent>();
        await foreach (var recorded in store.ReadAll(ReadDirection.Forwards, LogPosition.Start, cancellationToken: cancellationToken))
            if (DomainEventSerializer.Deserialize(recorded) is StoredEvent.Known { Event: TimelineEvent e })
                events.Add(e);
        return events;
    }

    public async Task<ActorTimelineView> Handle(GetActorTimeline request, CancellationToken cancellationToken)
    {
        var all = await All(cancellationToken);
        var id = ActorId.FromName(request.Actor).Value;
        var actor = all.SelectMany(e => e.Actors).FirstOrDefault(a => a.Id.Value == id)
            ?? throw new NotFoundException("actor", request.Actor,
                all.SelectMany(e => e.Actors).Select(a => a.Name).Distinct().Where(n => n[0] == request.Actor[0]).ToList());
        var entries = Filter(all.Where(e => e.Actors.Any(a => a.Id.Value == id)), request.Filter);
        return new ActorTimelineView(new ActorView(id, actor.Name, "person", []), entries, null, entries.Count);
    }

    public async Task<CountryTimelineView> Handle(GetCountryTimeline request, CancellationToken cancellationToken)
    {
        var code = CountryCode.Parse(request.Country);
        var entries = Filter((await All(cancellationToken)).Where(e => e.Country == code), request.Filter);
        return new CountryTimelineView(new CountryView(code.Value, code.Name), entries, null, entries.Count);
    }

    public async Task<IReadOnlyList<ActorDirectoryEntryView>> Handle(FindActors request, CancellationToken cancellationToken) =>
        (await All(cancellationToken)).SelectMany(e => e.Actors.Select(a => (a, e)))
            .GroupBy(x => x.a.Id.Value)
            .Where(g => request.Search is null || g.Key.StartsWith(ActorId.FromName(request.Search).Value, StringComparison.Ordinal))
            .Select(g => new ActorDirectoryEntryView(g.Key, g.First().a.Name, "person", [], g.Count(), null, null))
            .Take(request.Limit)
            .ToList();

    public async Task<IReadOnlyList<ProjectionStatusView>> Handle(GetProjectionStatus request, CancellationToken cancellationToken)
    {
        var head = (await store.GetHeadPosition(cancellationToken))?.ToString();
        return [new ProjectionStatusView("test-only-timelines", 1, head, head, 0, "live")];
    }

    public async Task<ReplayResult> Handle(ReplayProjections request, CancellationToken cancellationToken)
    {
        var all = await All(cancellationToken);
        var head = (await store.GetHeadPosition(cancellationToken))?.ToString() ?? "0";
        for (var i = 0; i < all.Count; i++)
            request.Progress?.Report(new ReplayProgress("test-only-timelines", (i + 1).ToString(), head, i + 1, all.Count, 1000, null, "replaying"));
        return new ReplayResult(["test-only-timelines"], all.Count, TimeSpan.FromMilliseconds(1), head);
    }

    private static List<TimelineEntryView> Filter(IEnumerable<TimelineEvent> events, TimelineFilter filter) =>
        events.Where(e => filter.Types.Count == 0 || filter.Types.Contains(e.GetType().Name))
            .OrderBy(e => e.Occurred)
            .Select(e => new TimelineEntryView
            {
                Id = e.EventId.ToString(),
                Occurred = e.Occurred.ToEdtf(),
                OccurredDisplay = e.Occurred.ToDisplay(),
                Type = e.GetType().Name,
                Summary = e.Source.Evidence,
                Country = e.Country.Value,
                Actors = e.Actors.Select(a => new EntryActorView(a.Id.Value, a.Name, "person", "speaker")).ToList(),
                Sources = [new SourceView(e.Source.ArticleId.Value, e.Source.Title, null, null, null, e.Source.Evidence)],
                Corroboration = 1,
                Disputed = false,
                Confidence = e.Confidence,
            })
            .ToList();
}
