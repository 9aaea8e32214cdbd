using System.Text;

namespace Timeline.EventStore.Contract;

/// <summary>
/// The behaviour every <see cref="IEventStore"/> adapter must have. An adapter's test project runs it with a
/// one-line subclass that says how to open a fresh store:
/// <code>
/// public sealed class sqlite_event_store : EventStoreContract
/// {
///     protected override Task&lt;IEventStore&gt; CreateStore() => Task.FromResult&lt;IEventStore&gt;(SqliteEventStore.Open(path));
/// }
/// </code>
/// </summary>
/// <remarks>
/// The tests do not assume the store is empty or private to them: every test writes to streams under its own
/// fresh prefix (<see cref="NewStream"/>), reads <c>$all</c> from positions its own appends returned, and filters
/// subscriptions by that prefix. So the suite also runs against a shared server (EventStoreDB) where other tests
/// write at the same time. A subclass may skip the whole suite (e.g. no server configured) by returning a store
/// from <see cref="CreateStore"/> only when it can, and marking its facts skipped otherwise.
/// </remarks>
public abstract partial class EventStoreContract : IAsyncLifetime
{
    private IEventStore? _store;

    /// <summary>Opens the store under test; called once before each test. The suite disposes it after the test.</summary>
    protected abstract Task<IEventStore> CreateStore();

    /// <summary>The store opened for the current test.</summary>
    protected IEventStore Store => _store ?? throw new InvalidOperationException("The store is not open yet.");

    /// <summary>Upper bound on how long any wait in the suite may take before the test fails instead of hanging.</summary>
    protected virtual TimeSpan HangGuard => TimeSpan.FromSeconds(60);

    /// <summary>How soon a cancelled subscription must have ended: generous, so only a subscription that ignores cancellation fails.</summary>
    protected virtual TimeSpan Promptly => TimeSpan.FromSeconds(10);

    public virtual async Task InitializeAsync() => _store = await CreateStore();

    public virtual async Task DisposeAsync()
    {
        if (_store is not null) await _store.DisposeAsync();
    }

    /// <summary>A stream name no other test uses. <paramref name="prefix"/> groups several streams of one test.</summary>
    protected static string NewStream(string? prefix = null) => (prefix ?? NewPrefix()) + "s" + Guid.NewGuid().ToString("N")[..8];

    /// <summary>A stream name prefix no other test uses, for filtering <c>$all</c> and subscriptions.</summary>
    protected static string NewPrefix() => "contract" + Guid.NewGuid().ToString("N") + "-";

    /// <summary>A small JSON event with a fresh id.</summary>
    protected static EventData NewEvent(string type = "ThingHappened", int number = 0) =>
        new(Guid.NewGuid(), type, Encoding.UTF8.GetBytes($$"""{"number":{{number}}}"""), Encoding.UTF8.GetBytes("""{"schemaVersion":1}"""));

    protected static EventData[] NewEvents(int count, string type = "ThingHappened") =>
        Enumerable.Range(0, count).Select(i => NewEvent(type, i)).ToArray();

    protected async Task<List<RecordedEvent>> ReadStream(string stream, ReadDirection direction = ReadDirection.Forwards,
        ulong? fromRevision = null, long maxCount = long.MaxValue)
    {
        var events = new List<RecordedEvent>();
        await foreach (var e in Store.ReadStream(stream, direction, fromRevision, maxCount)) events.Add(e);
        return events;
    }

    protected async Task<List<RecordedEvent>> ReadAll(ReadDirection direction, LogPosition from, long maxCount = long.MaxValue)
    {
        var events = new List<RecordedEvent>();
        await foreach (var e in Store.ReadAll(direction, from, maxCount)) events.Add(e);
        return events;
    }

    /// <summary>Asserts that none of the given event ids is anywhere in the log (a refused append wrote nothing).</summary>
    protected async Task AssertNotStored(IEnumerable<EventData> events)
    {
        var ids = events.Where(e => e is not null).Select(e => e.EventId).ToHashSet();
        await foreach (var e in Store.ReadAll(ReadDirection.Forwards, LogPosition.Start))
            Assert.False(ids.Contains(e.EventId), $"Event {e.EventId} of a refused append was stored in '{e.Stream}'.");
    }

    protected static void AssertStrictlyIncreasing(IReadOnlyList<LogPosition> positions)
    {
        for (var i = 1; i < positions.Count; i++)
            Assert.True(positions[i - 1] < positions[i], $"Position #{i} ({positions[i]}) does not follow #{i - 1} ({positions[i - 1]}).");
    }
}
