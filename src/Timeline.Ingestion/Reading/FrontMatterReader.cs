using Timeline.Ingestion.Articles;
using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace Timeline.Ingestion.Reading;

/// <summary>Markdown or text, optionally starting with YAML front matter between "---" lines (id, title, outlet, published, url, language).</summary>
public static class FrontMatterReader
{
    private static readonly IDeserializer Yaml = new DeserializerBuilder().Build();

    public static ReadOutcome Parse(string text, string origin)
    {
        var normalized = text.Replace("\r\n", "\n");
        if (!normalized.StartsWith("---\n", StringComparison.Ordinal))
            return new ReadOutcome.Read(new ArticleDocument { Body = normalized, Origin = origin });

        var close = normalized.IndexOf("\n---", 3, StringComparison.Ordinal);
        while (close >= 0 && close + 4 < normalized.Length && normalized[close + 4] is not ('\n' or ' ' or '\t'))
            close = normalized.IndexOf("\n---", close + 4, StringComparison.Ordinal);
        if (close < 0)
            return new ReadOutcome.Failed(origin, "malformed front matter: the opening '---' has no closing '---' line.");

        var yaml = normalized[4..(close + 1)];
        var bodyStart = normalized.IndexOf('\n', close + 4);
        var body = bodyStart < 0 ? "" : normalized[(bodyStart + 1)..];
        Dictionary<string, object?>? fields;
        try
        {
            fields = Yaml.Deserialize<Dictionary<string, object?>>(yaml) ?? [];
        }
        catch (YamlException ex)
        {
            return new ReadOutcome.Failed(origin, $"malformed front matter: {ex.Message.Split('\n')[0]} (line {ex.Start.Line + 1}).");
        }
        string? Field(string name) =>
            fields.FirstOrDefault(kv => string.Equals(kv.Key, name, StringComparison.OrdinalIgnoreCase)).Value switch
            {
                null => null,
                string s => s,
                IEnumerable<object> => throw new ArticleRejectedException($"front matter field '{name}' is a list; expected text."),
                var other => other.ToString(),
            };
        try
        {
            return new ReadOutcome.Read(new ArticleDocument
            {
                Id = Field("id"),
                Title = Field("title"),
                Outlet = Field("outlet"),
                Url = Field("url"),
                Published = Field("published") ?? Field("date"),
                Language = Field("language") ?? Field("lang"),
                Body = body,
                Origin = origin,
            });
        }
        catch (ArticleRejectedException ex)
        {
            return new ReadOutcome.Failed(origin, "malformed front matter: " + ex.Message);
        }
    }
}
