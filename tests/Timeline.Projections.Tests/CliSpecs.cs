using System.Text.Json;
using Timeline.Domain.Actors;
using Timeline.Domain.Dates;
using Timeline.EventStore.Sqlite;
using Timeline.Projections.Tests.Support;
using static Timeline.Projections.Tests.Support.ArticleBuilder;

namespace Timeline.Projections.Tests;

/// <summary>The CLI's public output, run as users run it, against a SQLite store written just before.</summary>
public sealed class the_timeline_cli_right_after_ingestion : IAsyncLifetime
{
    private readonly TempFolder _folder = new();
    private string StorePath => Path.Combine(_folder.Path, "timeline.db");

    public async Task InitializeAsync()
    {
        await using var store = SqliteEventStore.Open(StorePath);
        await new ArticleBuilder("seed-000", DateTimeOffset.Parse("2024-01-01T10:00:00Z"))
            .Ban(HistoricalDate.OfYear(2015), Irpt, Actor("Supreme Court of Tajikistan", ActorKind.GovernmentBody, ActorRole.BanningAuthority), "terrorist organization")
            .AppendTo(store);
        await new ArticleBuilder("seed-002", DateTimeOffset.Parse("2024-01-02T10:00:00Z"))
            .Ban(HistoricalDate.OfMonth(2015, 9, DateQualifier.Late), Irpt with { Name = "IRPT" })
            .AppendTo(store);
        await new ArticleBuilder("seed-003", DateTimeOffset.Parse("2024-01-03T10:00:00Z"))
            .Conference(HistoricalDate.OfDay(2016, 5, 14), "Conference of the opposition", "Dortmund", "DE",
                [Actor("Muhiddin Kabiri", ActorKind.Person, ActorRole.Participant)])
            .AppendTo(store);
    }

    private async Task<(int Exit, string Stdout, string All)> Run(params string[] arguments)
    {
        using var child = ChildCli.Start(Path.Combine(_folder.Path, "data"), StorePath, batchSize: 100, arguments);
        var exit = await child.WaitForExit(TimeSpan.FromSeconds(60));
        return (exit, child.StandardOutput, child.Output);
    }

    [Fact]
    public async Task actor_json_has_the_documented_shape()
    {
        var (exit, stdout, all) = await Run("actor", "IRPT", "--format", "json");

        Assert.True(exit == 0, all);
        using var json = JsonDocument.Parse(stdout);
        var actor = json.RootElement.GetProperty("actor");
        Assert.Equal("irpt", actor.GetProperty("id").GetString());
        Assert.Equal("party", actor.GetProperty("kind").GetString());
        Assert.True(actor.TryGetProperty("name", out _) && actor.TryGetProperty("aliases", out _));
        var entry = Assert.Single(json.RootElement.GetProperty("entries").EnumerateArray());
        foreach (var field in new[] { "occurred", "type", "summary", "country", "place", "actors", "sources", "corroboration", "disputed", "confidence" })
            Assert.True(entry.TryGetProperty(field, out _), $"entries[0] has no '{field}'");
        Assert.Equal("2015-09-21/2015-09-30", entry.GetProperty("occurred").GetString());
        Assert.Equal(2, entry.GetProperty("corroboration").GetInt32());
        var source = entry.GetProperty("sources")[0];
        foreach (var field in new[] { "articleId", "title", "outlet", "url", "published", "evidence" })
            Assert.True(source.TryGetProperty(field, out _), $"sources[0] has no '{field}'");
    }

    [Fact]
    public async Task country_json_names_the_country_and_csv_has_one_row_per_entry()
    {
        var (exit, stdout, all) = await Run("country", "TJ", "--format", "json");
        Assert.True(exit == 0, all);
        using var json = JsonDocument.Parse(stdout);
        Assert.Equal("TJ", json.RootElement.GetProperty("country").GetProperty("code").GetString());

        var csv = await Run("country", "TJ", "--format", "csv");
        Assert.Equal(0, csv.Exit);
        Assert.Equal(2, csv.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public async Task an_unknown_actor_exits_1_with_suggestions_and_a_bad_range_exits_2()
    {
        var unknown = await Run("actor", "IRTP");
        Assert.Equal(1, unknown.Exit);
        Assert.Contains("Did you mean", unknown.All);
        Assert.Contains("IRPT", unknown.All);

        var range = await Run("actor", "irpt", "--from", "2020", "--to", "2015");
        Assert.Equal(2, range.Exit);
    }

    [Fact]
    public async Task tables_printed_to_a_pipe_keep_names_whole_and_show_long_alias_lists_in_brief()
    {
        // Given an actor known under many spellings (the gazetteer's aliases of the IRPT)
        // When the directory and the timeline are printed as tables into a pipe, as a script or `less` would read them
        var actors = await Run("actors");
        var actor = await Run("actor", "IRPT");

        // Then the name is on one line, not broken into pieces by a narrow column, and the alias list is shortened
        Assert.True(actors.Exit == 0, actors.All);
        Assert.True(actor.Exit == 0, actor.All);
        var row = Assert.Single(actors.Stdout.Split('\n'), line => line.Contains("irpt"));
        Assert.Contains("Islamic Renaissance Party of Tajikistan", row);
        Assert.Matches(@"\(\+\d+ more\)", row);
        Assert.Contains(actor.Stdout.Split('\n'), line => line.Contains("late Sep 2015") && line.Contains("PartyBanned"));
    }

    [Fact]
    public async Task a_table_line_says_who_met_and_names_the_place_once()
    {
        var kabiri = await Run("actor", "Muhiddin Kabiri");

        Assert.True(kabiri.Exit == 0, kabiri.All);
        var line = Assert.Single(kabiri.Stdout.Split('\n'), l => l.Contains("ConferenceHeld"));
        Assert.Contains("Conference of the opposition held in Dortmund, with Muhiddin Kabiri", line);
        Assert.DoesNotContain("(Dortmund)", line);
        Assert.Contains("1 entry;", kabiri.Stdout);
    }

    public Task DisposeAsync()
    {
        _folder.Dispose();
        return Task.CompletedTask;
    }
}
