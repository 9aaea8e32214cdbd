using System.Globalization;
using System.Text;
using Timeline.EventStore;
using Timeline.EventStore.Sqlite;

// Appends batches to a SQLite event store and prints one line per acknowledged append:
//   ack <stream> <lastRevision> <position> <batch> <count>
// A test kills this process at a random moment and checks that every acknowledged append survived whole.
// Usage: CrashWriter <db-path> <stream-prefix> [<batches>]   (no <batches>: append until killed)
if (args.Length < 2)
{
    Console.Error.WriteLine("usage: CrashWriter <db-path> <stream-prefix> [<batches>]");
    return 2;
}
var path = args[0];
var prefix = args[1];
var batches = args.Length > 2 ? long.Parse(args[2], CultureInfo.InvariantCulture) : long.MaxValue;
const int streams = 7;

await using var store = SqliteEventStore.Open(path);
var revisions = new ulong?[streams];
var random = new Random();
Console.WriteLine("ready");
for (long batch = 0; batch < batches; batch++)
{
    var slot = (int)(batch % streams);
    var stream = $"{prefix}{slot}";
    var count = random.Next(1, 21);
    var events = new EventData[count];
    for (var i = 0; i < count; i++)
    {
        // Every event names its batch and the batch's size, so a reader can tell a whole batch from a torn one.
        var data = Encoding.UTF8.GetBytes($$"""{"batch":{{batch}},"index":{{i}},"count":{{count}},"padding":"{{new string('x', random.Next(0, 2000))}}"}""");
        events[i] = new EventData(Guid.NewGuid(), "CrashTestAppended", data, "{}"u8.ToArray());
    }
    var expected = revisions[slot] is { } r ? ExpectedRevision.Exact(r) : ExpectedRevision.NoStream;
    var result = await store.AppendToStream(stream, expected, events);
    revisions[slot] = result.NextExpectedRevision;
    Console.WriteLine($"ack {stream} {result.NextExpectedRevision} {result.Position} {batch} {count}");
}
Console.WriteLine("done");
return 0;
