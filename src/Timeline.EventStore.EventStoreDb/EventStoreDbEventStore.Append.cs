using Google.Protobuf;
using Timeline.EventStore.EventStoreDb.Protocol;
using Timeline.EventStore.EventStoreDb.Protocol.Streams;

namespace Timeline.EventStore.EventStoreDb;

public sealed partial class EventStoreDbEventStore
{
    public async Task<AppendResult> AppendToStream(string stream, ExpectedRevision expected, IReadOnlyList<EventData> events,
        CancellationToken cancellationToken = default)
    {
        AppendRules.Validate(stream, events, _limits);
        var header = new AppendReq { Options = AppendOptions(stream, expected) };
        var proposed = events.Select(Proposed).ToList();

        // A retry after a lost answer resends the same event ids; the server recognises them and answers as the first time.
        var response = await _connection.Execute($"append to '{stream}'", async (channel, options) =>
        {
            using var call = Client(channel).Append(options);
            try
            {
                await call.RequestStream.WriteAsync(header, options.CancellationToken).ConfigureAwait(false);
                foreach (var message in proposed)
                    await call.RequestStream.WriteAsync(message, options.CancellationToken).ConfigureAwait(false);
                await call.RequestStream.CompleteAsync().ConfigureAwait(false);
            }
            catch (Exception) when (!options.CancellationToken.IsCancellationRequested)
            {
                // A follower answers "not leader" from the headers alone, before it reads the events; a write racing
                // that answer fails as Cancelled without the leader's address. The server's answer is the real outcome.
            }
            return await call.ResponseAsync.ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);

        switch (response.ResultCase)
        {
            case AppendResp.ResultOneofCase.Success:
                var success = response.Success;
                var revision = success.CurrentRevisionOptionCase == AppendResp.Types.Success.CurrentRevisionOptionOneofCase.CurrentRevision
                    ? success.CurrentRevision
                    : ulong.MaxValue;
                var position = success.PositionOptionCase == AppendResp.Types.Success.PositionOptionOneofCase.Position
                    ? new LogPosition(success.Position.CommitPosition, success.Position.PreparePosition)
                    // Nothing was written (an empty append): the log's head is where the stream's state was checked.
                    : await GetHeadPosition(cancellationToken).ConfigureAwait(false) ?? LogPosition.Start;
                return new AppendResult(revision, position);
            case AppendResp.ResultOneofCase.WrongExpectedVersion:
                throw new WrongExpectedRevisionException(stream, expected, ActualOf(response.WrongExpectedVersion));
            default:
                throw new EventStoreUnavailableException($"EventStoreDB answered an append to '{stream}' with neither success nor a wrong expected version.");
        }
    }

    internal static AppendReq.Types.Options AppendOptions(string stream, ExpectedRevision expected)
    {
        var options = new AppendReq.Types.Options { StreamIdentifier = StreamId(stream) };
        if (expected.IsAny) options.Any = new Empty();
        else if (expected.IsNoStream) options.NoStream = new Empty();
        else options.Revision = expected.Revision;
        return options;
    }

    private static AppendReq Proposed(EventData e) => new()
    {
        ProposedMessage = new AppendReq.Types.ProposedMessage
        {
            Id = Uuids.ToStructured(e.EventId),
            // "type" and "content-type" are what the server, its web UI and other clients read; our own JSON metadata
            // (schemaVersion, extractor) travels untouched as the event's user metadata.
            Metadata = { ["type"] = e.Type, ["content-type"] = EventData.JsonContentType },
            CustomMetadata = ByteString.CopyFrom(e.Metadata.Span),
            Data = ByteString.CopyFrom(e.Data.Span),
        },
    };

    private static StreamState ActualOf(AppendResp.Types.WrongExpectedVersion wrong) => wrong.CurrentRevisionOptionCase switch
    {
        AppendResp.Types.WrongExpectedVersion.CurrentRevisionOptionOneofCase.CurrentRevision => new StreamState(wrong.CurrentRevision),
        AppendResp.Types.WrongExpectedVersion.CurrentRevisionOptionOneofCase.CurrentNoStream => StreamState.NoStream,
        // 20.6.0 servers only filled the first fields.
        _ => wrong.CurrentRevisionOption2060Case == AppendResp.Types.WrongExpectedVersion.CurrentRevisionOption2060OneofCase.CurrentRevision2060
            ? new StreamState(wrong.CurrentRevision2060)
            : StreamState.NoStream,
    };
}
