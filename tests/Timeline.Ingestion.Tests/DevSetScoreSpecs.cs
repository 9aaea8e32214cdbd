using Timeline.Ingestion.Tests.Scoring;
using Xunit.Abstractions;

namespace Timeline.Ingestion.Tests;

/// <summary>
/// The extractor measured on the gold-annotated development set. The floors are set a little under the measured
/// scores, so CI fails when a change makes extraction worse.
/// </summary>
public class extraction_scored_on_the_development_set(ITestOutputHelper output)
{
    private static readonly Dictionary<string, double> F1Floors = new()
    {
        // Measured on 57 articles (238 gold events): 0.972 / 0.955 / 0.955 / 0.937. Target is 0.9. Articles 36-39 were
        // written to show conferences reported in other ways (by their close, by their opening, of a named coalition),
        // 40-41 bans reported in other ways (a closure ordered, groups counted and named in the next sentence), 42-43 outages, 44 a dated historical ban, 45 reactions told in five ways,
        // 46-53 other countries and outlets (a court ruling a party unconstitutional, a junta's decree, a blocked platform, a contested congress, a summit, a cable "fault").
        ["PartyBanned"] = 0.95,
        // 54-60 (rules/1.4) are meetings told the ways the held-out writers use (a party body that "met", a summit told by
        // its opening speech, a congress named only in the headline): measured 0.881 with them under rules/1.4, 1.000 once
        // the rules read a body that met, delegates deciding and a decision taken at a meeting (rules/1.5).
        // 61-66 (rules/1.6, 70 articles): 0.917 under rules/1.5, 0.973 once the rules read a round table, "joined an online
        // conference", "sat down / set up camp for" a meeting, a decision "at the end of" one and a convener named next.
        // 75-82 (rules/1.7, 82 articles, wire copy from AO, AM, LK, SY, CM, KR, BH, JO): measured 0.913 / 0.976 / 0.911 / 0.911
        // under rules/1.6, 0.969 / 1.000 / 0.961 / 0.938 once the rules read restorations, habits, a denial, "disbanded",
        // a banned "... Council", a suspension of a group's activities, a ban in a since-clause, "the three-day meeting",
        // "The meeting, hosted by X" after people met, a closing speech, and platforms that do not make a story American.
        // 83-88 (rules/1.8, 88 articles, wire copy from GH, MN, ER, BI, MW, NE): measured 0.949 / 0.926 / 0.961 / 0.950 under
        // rules/1.7, 0.970 / 1.000 / 0.961 / 0.955 once the rules read "brought ... to a close", a "Congress Hall" as a building,
        // "did away with" and "ordered a halt to all of X's activities", "in June last year", a body that "was convened",
        // a group's leaders named before them who "met online", a demonym after "ruling", "a summit hosted by Malawi" with its guests named next, "(PNDS-Tarayya)" also as "PNDS",
        // and a leader removed "at an extraordinary congress that his supporters say was staged".
        ["ConferenceHeld"] = 0.97,
        ["InternetOutage"] = 0.94,
        ["StatementMade"] = 0.92,
    };

    private const int MaxNonEventViolations = 1;   // measured: 0 (88 articles, rules/1.8; 1 under rules/1.7, 4 under rules/1.6)

    [Fact]
    public void reaches_the_f1_floor_of_every_event_type()
    {
        // Given every dev-set article and its gold
        var scores = DevSetRun.ScoreAll();

        // When they are scored
        var totals = Scorer.Totals(scores);
        var report = DevSetRun.Report(scores, details: true);
        output.WriteLine(report);
        if (Environment.GetEnvironmentVariable("TIMELINE_DEVSET_REPORT") is { Length: > 0 } path) File.WriteAllText(path, report);

        // Then every type is at or above its floor
        Assert.True(scores.Count >= 25, $"only {scores.Count} dev-set articles were scored");
        foreach (var (type, floor) in F1Floors)
            Assert.True(totals[type].F1 >= floor, $"{type} F1 {totals[type].F1:F3} is below the floor {floor:F2}");
        var violations = scores.Sum(s => s.Violations.Count);
        Assert.True(violations <= MaxNonEventViolations, $"{violations} hard negatives were extracted (at most {MaxNonEventViolations})");
    }
}
