using Grpc.Core;
using Timeline.Api.V1;

namespace Timeline.Api.Tests.Support;

public static class SubscriptionReader
{
    /// <summary>Reads until the server says history is delivered (so what is appended next arrives live).</summary>
    public static async Task<List<SubscribeResponse>> ReadUntilCaughtUp(this IAsyncStreamReader<SubscribeResponse> stream, CancellationToken cancellationToken = default)
    {
        var seen = new List<SubscribeResponse>();
        while (await stream.MoveNext(cancellationToken))
        {
            seen.Add(stream.Current);
            if (stream.Current.KindCase == SubscribeResponse.KindOneofCase.CaughtUp) return seen;
        }
        throw new InvalidOperationException("The subscription ended before it caught up.");
    }

    /// <summary>Reads until <paramref name="count"/> events have arrived, skipping checkpoints.</summary>
    public static async Task<List<StoredEvent>> ReadEvents(this IAsyncStreamReader<SubscribeResponse> stream, int count, CancellationToken cancellationToken = default)
    {
        var events = new List<StoredEvent>();
        while (events.Count < count && await stream.MoveNext(cancellationToken))
            if (stream.Current.KindCase == SubscribeResponse.KindOneofCase.Event)
                events.Add(stream.Current.Event);
        return events;
    }

    public static CancellationToken Soon() => new CancellationTokenSource(TimeSpan.FromSeconds(20)).Token;
}
