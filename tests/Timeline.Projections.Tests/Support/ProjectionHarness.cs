using System.Text.Json;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Timeline.Application;
using Timeline.Application.Projections;
using Timeline.Application.Timelines;
using Timeline.EventStore;
using Timeline.EventStore.Memory;
using Timeline.Projections.ReadModel;
using Timeline.Projections.Runner;

namespace Timeline.Projections.Tests.Support;

/// <summary>The real wiring: an event store, the read model under a temp data folder, the runner and MediatR.</summary>
public sealed class ProjectionHarness : IAsyncDisposable
{
    private readonly ServiceProvider _provider;

    public ProjectionHarness(string dataDirectory, IEventStore? store = null, ProjectionOptions? options = null)
    {
        DataDirectory = dataDirectory;
        Store = store ?? new MemoryEventStore();
        var services = new ServiceCollection();
        services.AddSingleton(Store);
        services.AddTimelineMediator();
        services.AddTimelineProjections(dataDirectory, options);
        _provider = services.BuildServiceProvider();
    }

    public string DataDirectory { get; }
    public IEventStore Store { get; }
    public ProjectionRunner Runner => _provider.GetRequiredService<ProjectionRunner>();
    public IMediator Mediator => _provider.GetRequiredService<IMediator>();
    public ReadModelDatabase Database => _provider.GetRequiredService<ReadModelDatabase>();

    public Task CatchUp() => Runner.EnsureUpToDate();

    public Task<ActorTimelineView> Actor(string actor, TimelineFilter? filter = null) =>
        Mediator.Send(new GetActorTimeline(actor, filter ?? new TimelineFilter()));

    public Task<CountryTimelineView> Country(string code, TimelineFilter? filter = null) =>
        Mediator.Send(new GetCountryTimeline(code, filter ?? new TimelineFilter()));

    /// <summary>Every actor's and every country's whole timeline, as JSON: what "identical read models" compares.</summary>
    public async Task<string> Snapshot()
    {
        var all = new TimelineFilter { PageSize = 10_000 };
        var actors = await Mediator.Send(new FindActors(null, 10_000));
        var parts = new List<object> { actors };
        foreach (var a in actors.OrderBy(a => a.Id, StringComparer.Ordinal)) parts.Add(await Actor(a.Id, all));
        var countries = actors.Count == 0 ? [] : new[] { "TJ", "DE", "US", "RU", "KZ" };
        foreach (var c in countries) parts.Add(await Country(c, all));
        return JsonSerializer.Serialize(parts, new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true });
    }

    public async ValueTask DisposeAsync() => await _provider.DisposeAsync();
}
