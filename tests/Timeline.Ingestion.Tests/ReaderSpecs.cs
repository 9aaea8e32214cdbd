using System.Text;
using Timeline.Ingestion.Reading;
using Timeline.Ingestion.Tests.Support;

namespace Timeline.Ingestion.Tests;

public class reading_article_files
{
    [Fact]
    public void markdown_front_matter_gives_the_metadata_and_the_rest_is_the_body()
    {
        var text = "---\nid: kz-2022-01\ntitle: \"Kazakhstan: internet cut\"\noutlet: Steppe Wire\npublished: 2022-01-05\nurl: https://example.org/a\nlanguage: en\n---\nALMATY — The internet went down.\n";

        var read = Assert.IsType<ReadOutcome.Read>(FrontMatterReader.Parse(text, "a.md"));

        Assert.Equal("kz-2022-01", read.Article.Id);
        Assert.Equal("Kazakhstan: internet cut", read.Article.Title);
        Assert.Equal("Steppe Wire", read.Article.Outlet);
        Assert.Equal("2022-01-05", read.Article.Published);
        Assert.Equal("en", read.Article.Language);
        Assert.Equal("ALMATY — The internet went down.\n", read.Article.Body);
    }

    [Fact]
    public void plain_text_without_metadata_is_all_body()
    {
        var read = Assert.IsType<ReadOutcome.Read>(FrontMatterReader.Parse("Just a story.\n", "a.txt"));

        Assert.Null(read.Article.Id);
        Assert.Equal("Just a story.\n", read.Article.Body);
    }

    [Theory]
    [InlineData("---\ntitle: [unclosed\n---\nBody.", "malformed front matter")]
    [InlineData("---\ntitle: no end\nBody without closing line.", "no closing")]
    public void malformed_front_matter_is_a_failure_with_a_reason(string text, string reason)
    {
        var failed = Assert.IsType<ReadOutcome.Failed>(FrontMatterReader.Parse(text, "bad.md"));

        Assert.Contains(reason, failed.Reason);
    }

    [Fact]
    public void an_html_page_keeps_the_article_and_drops_the_boilerplate()
    {
        var html = """
            <html lang="en"><head><title>Outage | Steppe Wire</title>
            <meta property="og:title" content="Internet cut in Almaty">
            <meta property="article:published_time" content="2022-01-05T08:00:00Z">
            <meta property="og:site_name" content="Steppe Wire">
            <script>var tracking = 1;</script></head>
            <body><nav><a href="/">Home</a> Politics</nav>
            <article><h1>Internet cut in Almaty</h1><p>The internet went down on Wednesday.</p>
            <p>Operators blamed a fault.</p>
            <h3>Recent Features</h3><ul><li>Another story entirely</li></ul></article>
            <div class="related"><p>Related: unrelated text</p></div><footer>© Steppe Wire</footer></body></html>
            """;

        var read = Assert.IsType<ReadOutcome.Read>(HtmlArticleReader.Parse(html, "a.html"));

        Assert.Equal("Internet cut in Almaty", read.Article.Title);
        Assert.Equal("2022-01-05T08:00:00Z", read.Article.Published);
        Assert.Equal("Steppe Wire", read.Article.Outlet);
        Assert.Equal("The internet went down on Wednesday.\n\nOperators blamed a fault.", read.Article.Body);
    }

    [Fact]
    public void json_lines_are_read_one_by_one_and_a_bad_line_fails_alone()
    {
        // Given three lines: good, not JSON, good without id
        var text = """
            {"id":"a1","title":"One","published":"2021-06-09","body":"First body."}
            {"id":"a2", this is not json
            {"title":"Three","body":"Third body."}
            """;
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(text));

        // When read
        var outcomes = JsonLinesReader.Read(stream, "feed.jsonl").ToList();

        // Then the good lines are articles and the bad one is a failure naming its line
        Assert.Equal(3, outcomes.Count);
        Assert.Equal("a1", Assert.IsType<ReadOutcome.Read>(outcomes[0]).Article.Id);
        var failed = Assert.IsType<ReadOutcome.Failed>(outcomes[1]);
        Assert.Equal("feed.jsonl:2", failed.Origin);
        Assert.Contains("not valid JSON", failed.Reason);
        Assert.Equal("Third body.", Assert.IsType<ReadOutcome.Read>(outcomes[2]).Article.Body);
    }

    [Fact]
    public void a_json_line_with_invalid_utf8_fails_alone()
    {
        var bytes = Encoding.UTF8.GetBytes("{\"body\":\"ok\"}\n").Concat(new byte[] { (byte)'{', 0xC3, 0x28, (byte)'}', (byte)'\n' }).ToArray();

        var outcomes = JsonLinesReader.Read(new MemoryStream(bytes), "f.jsonl").ToList();

        Assert.IsType<ReadOutcome.Read>(outcomes[0]);
        Assert.Contains("UTF-8", Assert.IsType<ReadOutcome.Failed>(outcomes[1]).Reason);
    }

    [Fact]
    public void folders_are_walked_for_article_files_only()
    {
        using var folder = new TempFolder();
        folder.File("a.md", "A story.");
        folder.File("sub/b.html", "<p>B story.</p>");
        folder.File("notes.docx", "ignored");

        var files = ArticleFileReader.Expand([folder.Path]).Select(Path.GetFileName).ToList();

        Assert.Equal(["a.md", "b.html"], files);
    }

    [Fact]
    public void a_folders_readme_is_not_an_article_unless_named_explicitly()
    {
        using var folder = new TempFolder();
        folder.File("a.md", "A story.");
        folder.File("README.md", "These are sample articles.");

        var walked = ArticleFileReader.Expand([folder.Path]).Select(Path.GetFileName).ToList();
        var named = ArticleFileReader.Expand([System.IO.Path.Combine(folder.Path, "README.md")]).Select(Path.GetFileName).ToList();

        Assert.Equal(["a.md"], walked);
        Assert.Equal(["README.md"], named);
    }
}
