using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;

namespace Timeline.Domain.Countries;

/// <summary>An ISO 3166-1 alpha-2 country code that is known to exist (e.g. <c>TJ</c>), with its English name.</summary>
public readonly record struct CountryCode : IComparable<CountryCode>
{
    private static readonly FrozenDictionary<string, string> Names = LoadNames();

    public string Value { get; }

    private CountryCode(string value) => Value = value;

    /// <summary>The English short name, e.g. "Tajikistan".</summary>
    public string Name => Names[Value];

    public static IEnumerable<CountryCode> All => Names.Keys.Order(StringComparer.Ordinal).Select(code => new CountryCode(code));

    public static CountryCode Parse(string text) =>
        TryParse(text, out var code)
            ? code
            : throw new FormatException($"'{text}' is not an ISO 3166-1 alpha-2 country code (e.g. TJ, DE, US).");

    public static bool TryParse([NotNullWhen(true)] string? text, out CountryCode code)
    {
        code = default;
        if (text is null) return false;
        var upper = text.Trim().ToUpperInvariant();
        if (upper.Length != 2 || !Names.ContainsKey(upper)) return false;
        code = new CountryCode(upper);
        return true;
    }

    /// <summary>Finds a country by its English name, case-insensitively ("tajikistan" → TJ).</summary>
    public static bool TryFromName(string name, out CountryCode code)
    {
        foreach (var (key, value) in Names)
        {
            if (string.Equals(value, name.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                code = new CountryCode(key);
                return true;
            }
        }
        code = default;
        return false;
    }

    public int CompareTo(CountryCode other) => string.CompareOrdinal(Value, other.Value);

    public override string ToString() => Value ?? "";

    private static FrozenDictionary<string, string> LoadNames()
    {
        using var stream = typeof(CountryCode).Assembly.GetManifestResourceStream("Timeline.Domain.iso3166-1.tsv")
            ?? throw new InvalidOperationException("The ISO 3166-1 table is missing from the assembly.");
        using var reader = new StreamReader(stream);
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line[0] == '#') continue;
            var tab = line.IndexOf('\t');
            names[line[..tab]] = line[(tab + 1)..];
        }
        return names.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
