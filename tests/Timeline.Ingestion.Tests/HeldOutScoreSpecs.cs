using System.Text.RegularExpressions;
using Timeline.Ingestion.Reading;
using Timeline.Ingestion.Tests.Scoring;
using Timeline.Ingestion.Tests.Support;
using Xunit.Abstractions;

namespace Timeline.Ingestion.Tests;

/// <summary>
/// The extractor measured on the held-out set: articles written independently of the extractor's rules and never used
/// to tune them, so the score says how extraction generalizes. The floors sit about 0.05 under the figures measured with
/// the extractor on main when the set was written; they guard against regressions, they are not targets.
/// Do not tune the extractor on these articles: a rule written for one of them makes the measure worthless.
/// </summary>
public class extraction_scored_on_the_held_out_set(ITestOutputHelper output)
{
    private static readonly Dictionary<string, double> F1Floors = new()
    {
        // Measured 2026-11-23 with main 401abda on 24 articles (156 gold events): 0.452 / 0.138 / 0.585 / 0.556. See HeldOut/README.md.
        ["PartyBanned"] = 0.40,
        // 2026-12-07: 0.222 after general rules found on new dev articles (dateline agency codes, "the governing X party",
        // "… of the Philippines" inside a name); nothing was tuned on this set.
        ["ConferenceHeld"] = 0.17,
        ["InternetOutage"] = 0.53,
        ["StatementMade"] = 0.50,
    };

    private const int MaxNonEventViolations = 8;   // measured: 6

    [Fact]
    public void stays_at_or_above_the_f1_floor_of_every_event_type()
    {
        // Given every held-out article and its gold
        var scores = DevSetRun.ScoreAll(RepoPaths.HeldOut);

        // When they are scored
        var totals = Scorer.Totals(scores);
        var report = DevSetRun.Report(scores, details: true);
        output.WriteLine(report);
        if (Environment.GetEnvironmentVariable("TIMELINE_HELDOUT_REPORT") is { Length: > 0 } path) File.WriteAllText(path, report);

        // Then every type is at or above its floor and few hard negatives were extracted
        Assert.True(scores.Count >= 20, $"only {scores.Count} held-out articles were scored");
        foreach (var (type, floor) in F1Floors)
            Assert.True(totals[type].F1 >= floor, $"{type} F1 {totals[type].F1:F3} is below the floor {floor:F2}");
        var violations = scores.Sum(s => s.Violations.Count);
        Assert.True(violations <= MaxNonEventViolations, $"{violations} hard negatives were extracted (at most {MaxNonEventViolations})");
    }
}

/// <summary>The held-out gold itself: complete, and anchored in the text it annotates, so a score on it means something.</summary>
public class the_held_out_gold
{
    private static readonly Regex EvidenceQuote = new("evidence: '(?<quote>.+)'$", RegexOptions.Singleline);

    private static IEnumerable<(string Name, string Body, GoldFile Gold)> ArticlesWithGold()
    {
        var gold = Path.Combine(RepoPaths.HeldOut, "gold");
        foreach (var file in ArticleFileReader.Expand([Path.Combine(RepoPaths.HeldOut, "articles")]))
        {
            var isJsonl = file.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase);
            foreach (var outcome in ArticleFileReader.Read(file))
            {
                var read = Assert.IsType<ReadOutcome.Read>(outcome);
                var name = isJsonl ? read.Article.Id! : Path.GetFileNameWithoutExtension(file);
                var goldPath = Path.Combine(gold, name + ".gold.json");
                Assert.True(File.Exists(goldPath), $"{file} ({name}) has no gold file");
                yield return (name, read.Article.Body, GoldFile.Load(goldPath));
            }
        }
    }

    [Fact]
    public void covers_every_event_type_with_at_least_ten_events_over_twenty_articles()
    {
        // Given the held-out articles, each with its gold
        var all = ArticlesWithGold().ToList();

        // When the gold events are counted per type
        var perType = Scorer.Types.ToDictionary(t => t, t => all.Sum(a => a.Gold.Events.Count(e => e.Type == t)));

        // Then the set is large enough to measure every type
        Assert.InRange(all.Count, 20, 30);
        Assert.All(perType, kv => Assert.True(kv.Value >= 10, $"{kv.Key}: only {kv.Value} gold events"));
        Assert.All(all, a => Assert.NotEmpty(a.Gold.NonEvents));
    }

    [Fact]
    public void quotes_its_evidence_and_hard_negatives_verbatim_from_the_articles()
    {
        // Given the held-out articles, each with its gold
        foreach (var (name, body, gold) in ArticlesWithGold())
        {
            // Then every gold event's evidence and every hard negative is text of its article
            foreach (var e in gold.Events)
            {
                var quote = EvidenceQuote.Match(e.Note ?? "");
                Assert.True(quote.Success, $"{name}: {e} has no evidence quote in its note");
                Assert.Contains(quote.Groups["quote"].Value, body);
                _ = e.Date; // parses, or throws for a malformed EDTF date
            }
            foreach (var n in gold.NonEvents)
            {
                Assert.False(string.IsNullOrWhiteSpace(n.Text), $"{name}: a hard negative without text");
                Assert.Contains(n.Text!, body);
                // A hard negative must not sit inside the evidence of a gold event of the same type, or it could never be scored.
                foreach (var e in gold.Events.Where(e => e.Type == n.Type))
                    Assert.DoesNotContain(n.Text!, EvidenceQuote.Match(e.Note ?? "").Groups["quote"].Value);
            }
        }
    }
}
