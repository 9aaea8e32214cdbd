using System.Text;

namespace Timeline.Ingestion.Reading;

/// <summary>Strict UTF-8: binary data and invalid byte sequences are reported, never replaced silently with '�'.</summary>
public static class TextDecoding
{
    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static bool TryDecode(ReadOnlySpan<byte> bytes, out string text, out string error)
    {
        text = "";
        error = "";
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) bytes = bytes[3..];
        var probe = bytes[..Math.Min(bytes.Length, 8192)];
        if (probe.IndexOf((byte)0) >= 0)
        {
            error = "it is a binary file, not text (it contains NUL bytes).";
            return false;
        }
        try
        {
            text = Strict.GetString(bytes);
            return true;
        }
        catch (DecoderFallbackException ex)
        {
            error = $"it is not valid UTF-8 (bad byte sequence at byte {ex.Index}).";
            return false;
        }
    }
}
