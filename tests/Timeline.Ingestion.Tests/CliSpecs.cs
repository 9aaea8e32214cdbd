using System.Text;
using System.Text.Json;
using Timeline.Ingestion.Extraction;
using Timeline.Ingestion.Tests.Support;

namespace Timeline.Ingestion.Tests;

/// <summary>`timeline ingest` and `timeline events` end to end: the real handler into a real SQLite file.</summary>
public class ingesting_into_a_sqlite_store : IDisposable
{
    private readonly TempFolder _folder = new();
    private string Store => "sqlite:" + Path.Combine(_folder.Path, "timeline.db");

    public void Dispose() => _folder.Dispose();

    private const string Ban = "---\nid: tj-ban\ntitle: IRPT banned\noutlet: Test Wire\npublished: 2015-09-30\n---\n" +
                               "DUSHANBE — The Supreme Court of Tajikistan on Tuesday designated the IRPT a terrorist organization.\n";

    [Fact]
    public async Task articles_are_stored_and_events_can_be_dumped_as_json_lines()
    {
        // Given an article with front matter
        var file = _folder.File("articles/ban.md", Ban);

        // When it is ingested and the events are dumped
        var ingest = await CliRunner.Invoke("ingest", file, "--store", Store);
        var dump = await CliRunner.Invoke("events", "--format", "jsonl", "--store", Store);

        // Then it is stored, and the dump has the public fields
        Assert.Equal(0, ingest.ExitCode);
        Assert.Contains("ingested: 1", ingest.Out);
        Assert.Contains("PartyBanned 1", ingest.Out);
        var lines = dump.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(["ArticleIngested", "PartyBanned"], lines.Select(l => l.GetProperty("type").GetString()));
        var ban = lines[1];
        Assert.Equal("article-tj-ban", ban.GetProperty("stream").GetString());
        Assert.Equal("2015-09-29", ban.GetProperty("occurred").GetString());
        Assert.Equal("TJ", ban.GetProperty("country").GetString());
        Assert.Equal("irpt", ban.GetProperty("actors")[0].GetProperty("id").GetString());
        Assert.Equal("party", ban.GetProperty("actors")[0].GetProperty("kind").GetString());
        Assert.Equal("tj-ban", ban.GetProperty("source").GetProperty("articleId").GetString());
        Assert.Equal("Test Wire", ban.GetProperty("source").GetProperty("outlet").GetString());
        Assert.StartsWith("DUSHANBE", ban.GetProperty("source").GetProperty("evidence").GetString());
        Assert.Equal("irpt", ban.GetProperty("data").GetProperty("party").GetString());
        Assert.Equal(ArticleExtractor.Version, ban.GetProperty("extractor").GetString());
        Assert.True(ban.TryGetProperty("position", out _));
        Assert.True(ban.TryGetProperty("eventId", out _));
        Assert.True(ban.TryGetProperty("confidence", out _));
    }

    [Fact]
    public async Task the_same_article_twice_is_a_duplicate_and_adds_nothing()
    {
        var file = _folder.File("ban.md", Ban);
        await CliRunner.Invoke("ingest", file, "--store", Store);

        var again = await CliRunner.Invoke("ingest", file, "--store", Store);
        var dump = await CliRunner.Invoke("events", "--format", "jsonl", "--store", Store);

        Assert.Equal(0, again.ExitCode);
        Assert.Contains("duplicates: 1", again.Out);
        Assert.Equal(2, dump.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public async Task files_a_folder_walk_passes_over_are_named_in_the_summary()
    {
        // Given a folder with an article, a PDF and the folder's own README
        _folder.File("inbox/ban.md", Ban);
        _folder.File("inbox/scan.pdf", "%PDF-1.4");
        _folder.File("inbox/README.md", "What this folder is.");

        // When the folder is ingested
        var run = await CliRunner.Invoke("ingest", Path.Combine(_folder.Path, "inbox"), "--store", Store);

        // Then the article is stored, the PDF is named as skipped (not a failure), and the README is passed over quietly
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("ingested: 1", run.Out);
        Assert.Contains("failed: 0", run.Out);
        Assert.Contains("skipped: 1 file not in an article format (" + Path.Combine(_folder.Path, "inbox", "scan.pdf") + ")", run.Out);
        Assert.Contains(".jsonl", run.Out);
        Assert.DoesNotContain("README", run.Out);
    }

    [Fact]
    public async Task the_events_table_is_filtered_by_type_and_position()
    {
        await CliRunner.Invoke("ingest", _folder.File("ban.md", Ban), "--store", Store);

        var table = await CliRunner.Invoke("events", "--type", "partybanned", "--store", Store);
        var later = await CliRunner.Invoke("events", "--from", "999", "--store", Store);

        Assert.Equal(0, table.ExitCode);
        Assert.Contains("PartyBanned", table.Out);
        Assert.DoesNotContain("ArticleIngested", table.Out);
        Assert.Contains("No events.", later.Out);
    }

    [Fact]
    public async Task the_published_option_dates_articles_without_metadata()
    {
        var file = _folder.File("plain.txt", "The Supreme Court of Tajikistan on Tuesday banned the IRPT.");

        var run = await CliRunner.Invoke("ingest", file, "--published", "2015-09-30", "--store", Store);
        var dump = await CliRunner.Invoke("events", "--type", "PartyBanned", "--format", "jsonl", "--store", Store);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("\"occurred\":\"2015-09-29\"", dump.Out);
    }

    [Theory]
    [InlineData("ingest")]
    [InlineData("ingest", "/no/such/path")]
    [InlineData("ingest", ".", "--published", "30/09/2015")]
    [InlineData("events", "--type", "Coup")]
    [InlineData("events", "--from", "minus-one")]
    [InlineData("events", "--format", "xml")]
    public async Task usage_errors_exit_with_code_2(params string[] args)
    {
        var run = await CliRunner.Invoke([.. args, "--store", Store]);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("error:", run.Error);
    }
}

/// <summary>Bad input: each bad article fails with a reason, nothing of it is stored, the others are, exit code 1.</summary>
public class ingesting_bad_input : IDisposable
{
    private readonly TempFolder _folder = new();
    private string Store => "sqlite:" + Path.Combine(_folder.Path, "timeline.db");

    public void Dispose() => _folder.Dispose();

    private const string Good = "---\nid: good-one\npublished: 2021-06-10\n---\nThe Supreme Court of Tajikistan on Wednesday banned the IRPT.\n";

    private async Task<CliRunner.Run> IngestWithGood(string badPath)
    {
        var good = _folder.File("good.md", Good);
        return await CliRunner.Invoke("ingest", good, badPath, "--store", Store);
    }

    private async Task AssertOnlyTheGoodArticleIsStored()
    {
        var dump = await CliRunner.Invoke("events", "--format", "jsonl", "--store", Store);
        var streams = dump.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => JsonDocument.Parse(l).RootElement.GetProperty("stream").GetString()).Distinct();
        Assert.Equal(["article-good-one"], streams);
    }

    [Theory]
    [InlineData("empty.md", "", "empty")]
    [InlineData("blank.txt", "   \n\n  ", "whitespace")]
    [InlineData("bad-yaml.md", "---\ntitle: [oops\n---\nText.", "malformed front matter")]
    [InlineData("impossible.md", "---\nid: impossible\npublished: 2021-03-02\n---\nThe court banned the IRPT on February 30, 2021.", "impossible date")]
    [InlineData("bad-published.md", "---\nid: badpub\npublished: last tuesday\n---\nThe court banned the IRPT.", "not a date")]
    [InlineData("bad-id.md", "---\nid: has spaces\n---\nThe court banned the IRPT.", "has the character")]
    public async Task a_bad_text_article_fails_with_its_reason(string name, string content, string reason)
    {
        var run = await IngestWithGood(_folder.File(name, content));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("ingested: 1", run.Out);
        Assert.Contains("failed: 1", run.Out);
        Assert.Contains(name, run.Out);
        Assert.Contains(reason, run.Out);
        await AssertOnlyTheGoodArticleIsStored();
    }

    [Fact]
    public async Task a_binary_file_fails()
    {
        var run = await IngestWithGood(_folder.Bytes("photo.txt", [0x89, 0x50, 0x4E, 0x47, 0x00, 0x00, 0x01, 0x02]));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("binary", run.Out);
        await AssertOnlyTheGoodArticleIsStored();
    }

    [Fact]
    public async Task invalid_utf8_fails()
    {
        var run = await IngestWithGood(_folder.Bytes("latin1.txt", Encoding.Latin1.GetBytes("Caf\u00e9 society banned on Monday.")));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("not valid UTF-8", run.Out);
        await AssertOnlyTheGoodArticleIsStored();
    }

    [Fact]
    public async Task a_100_mb_file_fails_without_being_read_whole()
    {
        // Given a 100 MB text file, generated here and deleted with the folder
        var path = Path.Combine(_folder.Path, "huge.txt");
        using (var stream = File.Create(path)) stream.SetLength(100L * 1024 * 1024);

        var run = await IngestWithGood(path);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("huge.txt: the file is 100 MB", run.Out);
        await AssertOnlyTheGoodArticleIsStored();
    }

    [Fact]
    public async Task malformed_json_lines_fail_one_by_one_and_the_other_lines_are_stored()
    {
        var feed = _folder.File("feed.jsonl",
            "{\"id\":\"line-one\",\"published\":\"2021-06-10\",\"body\":\"The Supreme Court of Tajikistan on Wednesday banned the IRPT.\"}\n" +
            "{not json}\n" +
            "{\"id\":\"line-three\",\"body\":\"\"}\n" +
            "{\"id\":\"line-four\",\"published\":\"2021-06-10\",\"body\":\"The court met on February 30, 2021.\"}\n");

        var run = await CliRunner.Invoke("ingest", feed, "--store", Store);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("ingested: 1", run.Out);
        Assert.Contains("failed: 3", run.Out);
        Assert.Contains("feed.jsonl:2", run.Out);
        Assert.Contains("feed.jsonl:3", run.Out);
        Assert.Contains("feed.jsonl:4", run.Out);
    }
}
