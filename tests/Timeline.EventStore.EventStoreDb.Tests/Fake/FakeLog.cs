using System.Globalization;
using Google.Protobuf;
using Timeline.EventStore.EventStoreDb.Protocol;
using Timeline.EventStore.EventStoreDb.Protocol.Streams;

namespace Timeline.EventStore.EventStoreDb.Tests.Fake;

/// <summary>One record of the fake's transaction file. Commit and prepare positions are byte offsets, as on a real server.</summary>
internal sealed record FakeRecord(
    string Stream, ulong Revision, ulong Commit, ulong Prepare, string EventId, string Type, string ContentType,
    byte[] Data, byte[] CustomMetadata, long CreatedTicksSinceEpoch);

/// <summary>
/// The database of a fake EventStoreDB node (shared by the nodes of a fake cluster), following the server's rules:
/// positions grow by the size of what was written, the log starts with the server's own system events, appends
/// check the expected revision and recognise retried event ids.
/// </summary>
internal sealed class FakeLog
{
    private readonly object _gate = new();
    private readonly List<FakeRecord> _all = [];
    private readonly Dictionary<string, List<FakeRecord>> _streams = new(StringComparer.Ordinal);
    private ulong _nextPosition = 512;
    private TaskCompletionSource _written = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public FakeLog(bool withSystemEvents = true)
    {
        if (!withSystemEvents) return;
        // A fresh server writes settings and statistics of its own before any client event.
        WriteSystem("$$$settings", "$metadata");
        WriteSystem("$stats-127.0.0.1:2113", "$statsCollected");
    }

    public void WriteSystem(string stream, string type)
    {
        lock (_gate) Write(stream, Guid.NewGuid().ToString(), type, "application/json", "{}"u8.ToArray(), []);
        Signal();
    }

    public IReadOnlyList<FakeRecord> All
    {
        get { lock (_gate) return _all.ToList(); }
    }

    public Task Written
    {
        get { lock (_gate) return _written.Task; }
    }

    public IReadOnlyList<FakeRecord>? Stream(string name)
    {
        lock (_gate) return _streams.TryGetValue(name, out var s) ? s.ToList() : null;
    }

    public AppendResp Append(AppendReq.Types.Options options, IReadOnlyList<AppendReq.Types.ProposedMessage> proposed)
    {
        var name = options.StreamIdentifier.StreamName.ToStringUtf8();
        AppendResp response;
        lock (_gate)
        {
            _streams.TryGetValue(name, out var stream);
            long current = stream is null ? -1 : stream.Count - 1;
            var ids = proposed.Select(p => FakeUuid.Text(p.Id)).ToList();

            if (Retried(stream, options, ids) is { } earlier)
                return Success((ulong)earlier.Revision, earlier.Commit, earlier.Prepare);

            var matches = options.ExpectedStreamRevisionCase switch
            {
                AppendReq.Types.Options.ExpectedStreamRevisionOneofCase.Any => true,
                AppendReq.Types.Options.ExpectedStreamRevisionOneofCase.NoStream => current == -1,
                AppendReq.Types.Options.ExpectedStreamRevisionOneofCase.StreamExists => current >= 0,
                AppendReq.Types.Options.ExpectedStreamRevisionOneofCase.Revision => current == (long)options.Revision,
                _ => throw new InvalidOperationException("append options without an expected revision"),
            };
            if (!matches)
                return WrongExpectedVersion(options, current);
            if (proposed.Count == 0)
            {
                response = new AppendResp { Success = new AppendResp.Types.Success { NoPosition = new Empty() } };
                if (current >= 0) response.Success.CurrentRevision = (ulong)current;
                else response.Success.NoStream = new Empty();
                return response;
            }

            FakeRecord last = null!;
            for (var i = 0; i < proposed.Count; i++)
                last = Write(name, ids[i], proposed[i].Metadata["type"], proposed[i].Metadata["content-type"],
                    proposed[i].Data.ToByteArray(), proposed[i].CustomMetadata.ToByteArray());
            response = Success(last.Revision, last.Commit, last.Prepare);
        }
        Signal();
        return response;
    }

    /// <summary>The server's idempotency check: the same ids, in order, already stored where this append would have put them.</summary>
    private static FakeRecord? Retried(List<FakeRecord>? stream, AppendReq.Types.Options options, List<string> ids)
    {
        if (stream is null || ids.Count == 0) return null;
        int first = options.ExpectedStreamRevisionCase switch
        {
            AppendReq.Types.Options.ExpectedStreamRevisionOneofCase.NoStream => 0,
            AppendReq.Types.Options.ExpectedStreamRevisionOneofCase.Revision => (int)options.Revision + 1,
            _ => stream.FindIndex(r => r.EventId == ids[0]),
        };
        if (first < 0 || first + ids.Count > stream.Count) return null;
        for (var i = 0; i < ids.Count; i++)
            if (stream[first + i].EventId != ids[i]) return null;
        return stream[first + ids.Count - 1];
    }

    private static AppendResp Success(ulong revision, ulong commit, ulong prepare) => new()
    {
        Success = new AppendResp.Types.Success
        {
            CurrentRevision = revision,
            Position = new AppendResp.Types.Position { CommitPosition = commit, PreparePosition = prepare },
        },
    };

    private static AppendResp WrongExpectedVersion(AppendReq.Types.Options options, long current)
    {
        var wrong = new AppendResp.Types.WrongExpectedVersion();
        if (current >= 0) wrong.CurrentRevision = (ulong)current;
        else wrong.CurrentNoStream = new Empty();
        switch (options.ExpectedStreamRevisionCase)
        {
            case AppendReq.Types.Options.ExpectedStreamRevisionOneofCase.Revision: wrong.ExpectedRevision = options.Revision; break;
            case AppendReq.Types.Options.ExpectedStreamRevisionOneofCase.NoStream: wrong.ExpectedNoStream = new Empty(); break;
            case AppendReq.Types.Options.ExpectedStreamRevisionOneofCase.StreamExists: wrong.ExpectedStreamExists = new Empty(); break;
            default: wrong.ExpectedAny = new Empty(); break;
        }
        return new AppendResp { WrongExpectedVersion = wrong };
    }

    private FakeRecord Write(string stream, string id, string type, string contentType, byte[] data, byte[] metadata)
    {
        if (!_streams.TryGetValue(stream, out var list)) _streams[stream] = list = [];
        var position = _nextPosition;
        var record = new FakeRecord(stream, (ulong)list.Count, position, position, id, type, contentType, data, metadata,
            (DateTime.UtcNow - DateTime.UnixEpoch).Ticks);
        // A record's size: a header, the names and the payloads.
        _nextPosition += (ulong)(80 + stream.Length + type.Length + data.Length + metadata.Length);
        list.Add(record);
        _all.Add(record);
        return record;
    }

    private void Signal()
    {
        TaskCompletionSource done;
        lock (_gate)
        {
            done = _written;
            _written = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        done.TrySetResult();
    }

    public static ReadResp.Types.ReadEvent.Types.RecordedEvent ToWire(FakeRecord r, bool structuredIds) => new()
    {
        Id = structuredIds ? FakeUuid.Structured(r.EventId) : new UUID { String = r.EventId },
        StreamIdentifier = new StreamIdentifier { StreamName = ByteString.CopyFromUtf8(r.Stream) },
        StreamRevision = r.Revision,
        CommitPosition = r.Commit,
        PreparePosition = r.Prepare,
        Metadata =
        {
            ["type"] = r.Type,
            ["content-type"] = r.ContentType,
            ["created"] = r.CreatedTicksSinceEpoch.ToString(CultureInfo.InvariantCulture),
        },
        CustomMetadata = ByteString.CopyFrom(r.CustomMetadata),
        Data = ByteString.CopyFrom(r.Data),
    };
}

/// <summary>
/// The fake's own reading of the wire UUID forms, written independently of the adapter: the structured form is the
/// 32 hex digits of the two halves, most significant first, grouped 8-4-4-4-12.
/// </summary>
internal static class FakeUuid
{
    public static string Text(UUID id) => id.ValueCase switch
    {
        UUID.ValueOneofCase.String => id.String.ToLowerInvariant(),
        UUID.ValueOneofCase.Structured => Group(
            id.Structured.MostSignificantBits.ToString("x16", CultureInfo.InvariantCulture)
            + id.Structured.LeastSignificantBits.ToString("x16", CultureInfo.InvariantCulture)),
        _ => throw new InvalidOperationException("event without id"),
    };

    public static UUID Structured(string text)
    {
        var hex = text.Replace("-", "", StringComparison.Ordinal);
        return new UUID
        {
            Structured = new UUID.Types.Structured
            {
                MostSignificantBits = unchecked((long)ulong.Parse(hex[..16], NumberStyles.HexNumber, CultureInfo.InvariantCulture)),
                LeastSignificantBits = unchecked((long)ulong.Parse(hex[16..], NumberStyles.HexNumber, CultureInfo.InvariantCulture)),
            },
        };
    }

    private static string Group(string hex) => $"{hex[..8]}-{hex[8..12]}-{hex[12..16]}-{hex[16..20]}-{hex[20..]}";
}
