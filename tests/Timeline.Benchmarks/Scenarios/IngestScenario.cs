using System.Diagnostics;
using System.Text;
using System.Text.Json;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Timeline.Application;
using Timeline.Application.Ingestion;
using Timeline.Application.Ingestion.IngestArticle;
using Timeline.Benchmarks.Harness;
using Timeline.EventStore;
using Timeline.EventStore.Sqlite;
using Timeline.Ingestion.Articles;
using Timeline.Ingestion.Extraction;
using Timeline.Ingestion.Reading;
using Timeline.Ingestion.Text;

namespace Timeline.Benchmarks.Scenarios;

/// <summary>
/// Article ingestion on a generated corpus of ~4 KB news articles in JSON Lines: extraction alone on one thread, and
/// end to end into SQLite with one worker per core; then a 100,000-article file streamed with its peak memory.
/// Baseline for every row: streaming the same file and splitting its sentences (the floor any extractor pays).
/// </summary>
public sealed class IngestScenario : IBenchmarkScenario
{
    public string Name => "ingest";
    public string Description => "article ingestion: extraction on 1 thread, end to end into SQLite on all cores, 100k JSONL streamed (peak RSS); baseline read + sentence split";

    public async Task<IReadOnlyList<BenchmarkResult>> Run(BenchmarkOptions options)
    {
        var results = new List<BenchmarkResult>();
        var articles = (int)Math.Clamp(options.Events / 100, 200, 10_000);
        var corpus = Path.Combine(options.WorkFolder, "corpus.jsonl");
        var bytes = CorpusGenerator.Write(corpus, articles, seed: 42);
        options.Log.WriteLine($"corpus: {articles:N0} articles, {bytes / articles / 1024.0:F1} KB each on average");

        ExtractOneThread(corpus);   // warm-up: JIT, gazetteer and lexicon loading
        var (extract, baseline) = await Measure.BestOf(3, _ => Task.FromResult(ExtractOneThread(corpus)), _ => ReadAndSplit(corpus));
        results.Add(new BenchmarkResult($"ingest extraction, 1 thread ({articles:N0} articles)", extract, "articles/s", baseline));

        options.Log.WriteLine($"end to end into SQLite with {Environment.ProcessorCount} workers");
        var (endToEnd, baseline2) = await Measure.BestOf(2,
            run => EndToEnd(corpus, Path.Combine(options.WorkFolder, $"e2e-{run}.db")), _ => ReadAndSplit(corpus));
        results.Add(new BenchmarkResult($"ingest end to end into SQLite, {Environment.ProcessorCount} workers ({articles:N0} articles)", endToEnd, "articles/s", baseline2));

        var large = (int)Math.Min(100_000, Math.Max(1_000, options.Events / 10));
        var largeFile = Path.Combine(options.WorkFolder, "large.jsonl");
        var largeBytes = CorpusGenerator.Write(largeFile, large, seed: 7);
        options.Log.WriteLine($"streaming {large:N0} articles ({largeBytes / (1024.0 * 1024):F0} MB) through extraction on all cores");
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        var rssBefore = process.WorkingSet64;
        var streamed = await ExtractParallel(largeFile);
        process.Refresh();
        var peak = process.PeakWorkingSet64;
        var streamedBaseline = ReadAndSplit(largeFile);
        options.Log.WriteLine($"RSS before {rssBefore / (1024 * 1024)} MB, peak {peak / (1024 * 1024)} MB for a {largeBytes / (1024 * 1024)} MB file");
        results.Add(new BenchmarkResult($"ingest {large:N0}-article JSONL streamed ({largeBytes / (1024 * 1024)} MB file, peak RSS {peak / (1024 * 1024)} MB)", streamed, "articles/s", streamedBaseline));
        return results;
    }

    private static IEnumerable<ArticleDocument> Read(string file) =>
        ArticleFileReader.Read(file).OfType<ReadOutcome.Read>().Select(r => r.Article);

    private static double ReadAndSplit(string file)
    {
        var clock = Measure.Start();
        long n = 0, sentences = 0;
        foreach (var article in Read(file))
        {
            sentences += SentenceSplitter.Default.Split(article.Body).Count;
            n++;
        }
        if (sentences == 0) throw new InvalidOperationException("The corpus has no sentences.");
        return Measure.Rate(n, clock);
    }

    private static double ExtractOneThread(string file)
    {
        var clock = Measure.Start();
        long n = 0, events = 0;
        foreach (var article in Read(file))
        {
            events += ArticleExtractor.Default.Extract(article).Events.Count;
            n++;
        }
        if (events == 0) throw new InvalidOperationException("The corpus gave no events: the generator and the rules disagree.");
        return Measure.Rate(n, clock);
    }

    private static async Task<double> ExtractParallel(string file)
    {
        var clock = Measure.Start();
        long n = 0;
        await Parallel.ForEachAsync(Read(file), new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, (article, _) =>
        {
            ArticleExtractor.Default.Extract(article);
            Interlocked.Increment(ref n);
            return ValueTask.CompletedTask;
        });
        return Measure.Rate(n, clock);
    }

    private static async Task<double> EndToEnd(string file, string database)
    {
        await using var store = SqliteEventStore.Open(database);
        await using var services = new ServiceCollection()
            .AddSingleton<IEventStore>(store)
            .AddTimelineIngestion()
            .AddTimelineMediator()
            .BuildServiceProvider();
        var mediator = services.GetRequiredService<IMediator>();
        var clock = Measure.Start();
        long ingested = 0;
        // The same shape as `timeline ingest`: one reader, a worker per core running the real IngestArticle handler.
        await Parallel.ForEachAsync(Read(file), new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, async (article, ct) =>
        {
            var result = await mediator.Send(new IngestArticle(new ArticleInput
            {
                Id = article.Id, Title = article.Title, Outlet = article.Outlet, Url = article.Url,
                Published = article.Published, Language = article.Language, Body = article.Body, Origin = article.Origin,
            }), ct);
            if (result.Outcome != IngestOutcome.Ingested) throw new InvalidOperationException($"{result.Origin}: {result.Outcome} {result.Reason}");
            Interlocked.Increment(ref ingested);
        });
        return Measure.Rate(ingested, clock);
    }
}

/// <summary>Deterministic wire-style articles of about 4 KB, mixing the four event kinds with background sentences.</summary>
public static class CorpusGenerator
{
    private static readonly string[] Cities = ["Dushanbe", "Almaty", "Tashkent", "Bishkek", "Minsk", "Ankara", "Cairo", "Nairobi", "Lagos", "Dhaka", "Karachi", "Caracas"];
    private static readonly string[] First = ["Arman", "Dilnoza", "Farrukh", "Leyla", "Omar", "Irina", "Samuel", "Nadia", "Rustam", "Grace", "Tariq", "Elena"];
    private static readonly string[] Last = ["Sadykov", "Karimova", "Nazarov", "Aliyeva", "Haddad", "Volkova", "Otieno", "Rahman", "Saidov", "Mensah", "Qureshi", "Morales"];
    private static readonly string[] Parties = ["Green Steppe Party", "Democratic Renewal Party", "People's Freedom Movement", "United Labour Party", "New Horizon Party"];
    private static readonly string[] Months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

    public static long Write(string path, int count, int seed)
    {
        var random = new Random(seed);
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false));
        for (var i = 0; i < count; i++)
        {
            var year = 2010 + random.Next(14);
            var month = 1 + random.Next(12);
            var day = 1 + random.Next(28);
            var line = JsonSerializer.Serialize(new
            {
                id = $"bench-{seed}-{i:D6}",
                title = $"Generated report {i}",
                outlet = "Bench Wire",
                published = $"{year:D4}-{month:D2}-{day:D2}",
                language = "en",
                body = Body(random, year, month, day),
            });
            writer.WriteLine(line);
        }
        writer.Flush();
        return new FileInfo(path).Length;
    }

    private static string Body(Random r, int year, int month, int day)
    {
        string Pick(string[] a) => a[r.Next(a.Length)];
        var city = Pick(Cities);
        var person = $"{Pick(First)} {Pick(Last)}";
        var other = $"{Pick(First)} {Pick(Last)}";
        var party = Pick(Parties);
        var monthName = Months[month - 1];
        var text = new StringBuilder();
        text.Append($"{city.ToUpperInvariant()} — The Supreme Court on {monthName} {day} banned the {party}, a ruling that critics called political. ");
        text.Append($"“This decision was written long before the hearing,” {person}, the party's deputy leader, told reporters in {city}. ");
        text.Append($"{person.Split(' ')[1]} said the party would appeal and that its members would continue to meet. ");
        text.Append($"He further added that the party had been registered since {year - 12} and had won seats in {year - 3}.\n\n");
        text.Append($"On the evening of {monthName} {day}, the internet in the capital stopped working for about two hours, according to residents. ");
        text.Append($"Operators did not explain the outage, referring only to “technical works.”\n\n");
        text.Append($"Earlier, opposition groups held a conference in {Pick(Cities)} on {monthName} {Math.Max(1, day - 1)}, {year}, attended by about {50 + r.Next(400)} delegates. ");
        text.Append($"The conference had been expected to bring together more than 500 people. ");
        text.Append($"{other}, an analyst at the Institute for Regional Policy, said that the ban would not end the movement.\n\n");
        while (text.Length < 3800)
        {
            text.Append(r.Next(4) switch
            {
                0 => $"The economy grew by {r.Next(9)} percent in {year - 1}, officials said, while prices of bread and fuel kept rising in {Pick(Cities)}. ",
                1 => $"Human rights groups have urged the government to release political prisoners, but no such step has been announced. ",
                2 => $"Lawmakers would consider a new media law in the autumn session, according to a draft seen by reporters. ",
                _ => $"Several hundred people gathered in the centre of {Pick(Cities)} in {Pick(Months)} {year - 1} to protest against higher utility tariffs. ",
            });
            if (r.Next(5) == 0) text.Append("\n\n");
        }
        return text.ToString();
    }
}
