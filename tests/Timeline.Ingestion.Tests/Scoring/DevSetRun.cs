using System.Globalization;
using System.Text;
using Timeline.Domain.Events;
using Timeline.Ingestion.Extraction;
using Timeline.Ingestion.Reading;
using Timeline.Ingestion.Tests.Support;

namespace Timeline.Ingestion.Tests.Scoring;

/// <summary>Extracts every article of a gold-annotated set (the dev set by default) with the real extractor and scores it against its gold.</summary>
public static class DevSetRun
{
    public static List<ArticleScore> ScoreAll() => ScoreAll(RepoPaths.DevSet);

    /// <param name="set">a folder holding <c>articles/</c> and <c>gold/</c> (the dev set, or the held-out set)</param>
    public static List<ArticleScore> ScoreAll(string set)
    {
        var articles = Path.Combine(set, "articles");
        var gold = Path.Combine(set, "gold");
        var scores = new List<ArticleScore>();
        foreach (var file in ArticleFileReader.Expand([articles]))
        {
            var isJsonl = file.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase);
            foreach (var outcome in ArticleFileReader.Read(file))
            {
                var read = Assert.IsType<ReadOutcome.Read>(outcome);
                var goldName = isJsonl ? read.Article.Id! : Path.GetFileNameWithoutExtension(file);
                var goldPath = Path.Combine(gold, goldName + ".gold.json");
                if (!File.Exists(goldPath)) continue;
                var g = GoldFile.Load(goldPath);
                DateOnly? published = g.Published is { } p ? DateOnly.ParseExact(p, "yyyy-MM-dd", CultureInfo.InvariantCulture) : null;
                var result = ArticleExtractor.Default.Extract(read.Article, published);
                scores.Add(Scorer.Score(g.Article, result.Events, g.Events, g.NonEvents));
            }
        }
        return scores;
    }

    public static string Report(IReadOnlyList<ArticleScore> scores, bool details)
    {
        var text = new StringBuilder();
        var totals = Scorer.Totals(scores);
        text.AppendLine($"{"type",-16} {"P",6} {"R",6} {"F1",6}   tp  fp  fn");
        foreach (var (type, t) in totals)
            text.AppendLine(CultureInfo.InvariantCulture, $"{type,-16} {t.Precision,6:F3} {t.Recall,6:F3} {t.F1,6:F3}  {t.TruePositives,3} {t.FalsePositives,3} {t.FalseNegatives,3}");
        text.AppendLine($"non-event violations: {scores.Sum(s => s.Violations.Count)}");
        if (!details) return text.ToString();
        foreach (var s in scores)
        {
            var misses = s.Gold.Where(p => p.Match is null).ToList();
            if (misses.Count == 0 && s.Unmatched.Count == 0 && s.Violations.Count == 0) continue;
            text.AppendLine($"--- {s.Article}");
            foreach (var (g, _) in misses) text.AppendLine($"  MISS {g}");
            foreach (var e in s.Unmatched) text.AppendLine($"  EXTRA {Describe(e)}");
            foreach (var (n, e) in s.Violations) text.AppendLine($"  VIOLATION {n} by {Describe(e)}");
        }
        return text.ToString();
    }

    public static string Describe(TimelineEvent e) =>
        $"{Scorer.TypeOf(e)} {e.Country} {e.Occurred} [{string.Join(", ", e.Actors.Select(a => $"{a.Name}/{a.Role}"))}] << {(e.Source.Evidence.Length > 140 ? e.Source.Evidence[..140] : e.Source.Evidence)}";
}
