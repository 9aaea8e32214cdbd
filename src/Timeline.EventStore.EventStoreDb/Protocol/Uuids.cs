using System.Buffers.Binary;

namespace Timeline.EventStore.EventStoreDb.Protocol;

/// <summary>
/// Event ids on the wire. The structured form is the RFC 4122 byte order split into two big-endian halves
/// (the Java UUID layout), which is not <see cref="Guid.ToByteArray()"/>'s mixed-endian order.
/// </summary>
internal static class Uuids
{
    public static UUID ToStructured(Guid id)
    {
        Span<byte> bytes = stackalloc byte[16];
        id.TryWriteBytes(bytes, bigEndian: true, out _);
        return new UUID
        {
            Structured = new UUID.Types.Structured
            {
                MostSignificantBits = BinaryPrimitives.ReadInt64BigEndian(bytes[..8]),
                LeastSignificantBits = BinaryPrimitives.ReadInt64BigEndian(bytes[8..]),
            },
        };
    }

    public static UUID ToText(Guid id) => new() { String = id.ToString("D") };

    public static Guid FromWire(UUID? uuid)
    {
        switch (uuid?.ValueCase)
        {
            case UUID.ValueOneofCase.Structured:
                Span<byte> bytes = stackalloc byte[16];
                BinaryPrimitives.WriteInt64BigEndian(bytes[..8], uuid.Structured.MostSignificantBits);
                BinaryPrimitives.WriteInt64BigEndian(bytes[8..], uuid.Structured.LeastSignificantBits);
                return new Guid(bytes, bigEndian: true);
            case UUID.ValueOneofCase.String:
                return Guid.Parse(uuid.String);
            default:
                throw new InvalidDataException("The server sent an event without an id.");
        }
    }
}
