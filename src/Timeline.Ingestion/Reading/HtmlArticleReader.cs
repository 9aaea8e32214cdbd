using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Timeline.Ingestion.Articles;

namespace Timeline.Ingestion.Reading;

/// <summary>
/// An HTML page: keeps the article body (the &lt;article&gt; element, else &lt;main&gt;, else &lt;body&gt;), the title and
/// the publication date from meta tags; drops scripts, navigation, footers, sidebars and "Recent Features"/"Related" blocks.
/// </summary>
public static partial class HtmlArticleReader
{
    private static readonly string[] Dropped = ["script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe", "svg", "button", "figure", "template"];
    private static readonly string[] BoilerplateMarkers = ["related", "recent", "share", "social", "newsletter", "comment", "advert", "promo", "sidebar", "menu", "breadcrumb", "subscribe", "tags", "popular", "trending", "cookie"];
    private static readonly string[] BoilerplateHeadings = ["recent features", "related", "related articles", "related stories", "read more", "more stories", "most popular", "trending", "share this", "advertisement", "subscribe"];

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    public static ReadOutcome Parse(string html, string origin)
    {
        var document = new HtmlParser().ParseDocument(html);
        string? Meta(params string[] keys)
        {
            foreach (var key in keys)
            {
                var el = document.QuerySelector($"meta[property='{key}'], meta[name='{key}'], meta[itemprop='{key}']");
                var content = el?.GetAttribute("content")?.Trim();
                if (!string.IsNullOrEmpty(content)) return content;
            }
            return null;
        }

        var title = Meta("og:title", "twitter:title") ?? Clean(document.Title) ?? Clean(document.QuerySelector("h1")?.TextContent);
        var published = Meta("article:published_time", "datePublished", "date", "pubdate", "publish-date", "dc.date", "DC.date.issued")
                        ?? document.QuerySelector("time[datetime]")?.GetAttribute("datetime");
        var outlet = Meta("og:site_name", "application-name");
        var url = document.QuerySelector("link[rel='canonical']")?.GetAttribute("href") ?? Meta("og:url");
        var language = document.DocumentElement.GetAttribute("lang");

        var root = document.QuerySelector("article") ?? document.QuerySelector("main") ?? document.QuerySelector("[role='main']") ?? document.Body;
        if (root is null) return new ReadOutcome.Failed(origin, "the HTML page has no body.");
        foreach (var el in root.QuerySelectorAll(string.Join(",", Dropped)).ToList()) el.Remove();
        foreach (var el in root.QuerySelectorAll("*").ToList())
        {
            if (el.ParentElement is null && el != root) continue;
            var marker = ((el.GetAttribute("class") ?? "") + " " + (el.Id ?? "")).ToLowerInvariant();
            if (BoilerplateMarkers.Any(m => marker.Contains(m, StringComparison.Ordinal)) && el != root) el.Remove();
        }

        var body = new StringBuilder();
        var skippingSection = false;
        foreach (var block in root.QuerySelectorAll("h1, h2, h3, h4, h5, h6, p, li, blockquote, pre"))
        {
            if (block.ParentElement?.Closest("p, li, blockquote") is not null) continue;   // nested: its parent carries the text
            var text = Clean(block.TextContent);
            if (text is null) continue;
            if (block.LocalName.StartsWith('h'))
            {
                // A "Related"/"Recent Features" heading starts boilerplate that runs to the next real heading.
                skippingSection = BoilerplateHeadings.Contains(text.TrimEnd(':').ToLowerInvariant());
                if (skippingSection || string.Equals(text, title, StringComparison.Ordinal)) continue;
            }
            else if (skippingSection) continue;
            body.Append(text).Append("\n\n");
        }
        if (body.Length == 0 && Clean(root.TextContent) is { } all) body.Append(all);
        return new ReadOutcome.Read(new ArticleDocument
        {
            Title = title, Outlet = outlet, Url = url, Published = published,
            Language = string.IsNullOrWhiteSpace(language) ? null : language,
            Body = body.ToString().TrimEnd(), Origin = origin,
        });
    }

    private static string? Clean(string? text)
    {
        if (text is null) return null;
        var cleaned = Whitespace().Replace(text, " ").Trim();
        return cleaned.Length == 0 ? null : cleaned;
    }
}
