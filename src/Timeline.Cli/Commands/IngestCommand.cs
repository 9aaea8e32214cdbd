using System.CommandLine;
using System.Diagnostics;
using System.Threading.Channels;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;
using Timeline.Application;
using Timeline.Application.Hosting;
using Timeline.Application.Ingestion;
using Timeline.Application.Ingestion.IngestArticle;
using Timeline.Cli.Output;
using Timeline.EventStore;
using Timeline.Ingestion.Articles;
using Timeline.Ingestion.Dates;
using Timeline.Ingestion.Reading;

namespace Timeline.Cli.Commands;

/// <summary><c>timeline ingest PATH… [--published DATE] [--store URI]</c>: read articles, extract events, store them.</summary>
public static class IngestCommand
{
    private static readonly Argument<string[]> Paths = new("path")
    {
        Description = "Article files (.md, .txt, .html, .jsonl) or folders to walk.",
        Arity = ArgumentArity.ZeroOrMore,
    };

    private static readonly Option<string?> Published = new("--published")
    {
        Description = "Publication date (YYYY-MM-DD) for articles that carry none.",
    };

    private static readonly Option<int?> Parallelism = new("--parallel")
    {
        Description = "Articles extracted at once (default: one per core).",
    };

    public static Command Create()
    {
        var command = new Command("ingest", "Ingest articles: extract their events and append them to the event store.")
        {
            Paths, Published, Parallelism,
        };
        // Usage errors are ours to report, with exit code 2.
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction((parse, ct) => Run(parse, ct));
        return command;
    }

    private static async Task<int> Run(ParseResult parse, CancellationToken cancellationToken)
    {
        var console = new CliConsole(parse);
        if (parse.Errors.Count > 0) return console.Usage(parse.Errors[0].Message);
        if (parse.UnmatchedTokens.Count > 0) return console.Usage($"unknown argument '{parse.UnmatchedTokens[0]}'.");
        var paths = parse.GetValue(Paths) ?? [];
        if (paths.Length == 0) return console.Usage("give at least one file or folder to ingest (timeline ingest PATH…).");
        var published = parse.GetValue(Published);
        if (published is not null)
        {
            try { PublicationContext.ParsePublished(published, "--published"); }
            catch (ArticleRejectedException ex) { return console.Usage(ex.Message); }
        }
        var parallelism = parse.GetValue(Parallelism) ?? Environment.ProcessorCount;
        if (parallelism < 1) return console.Usage("--parallel must be at least 1.");

        StoreUri storeUri;
        try { storeUri = GlobalOptions.StoreUri(parse); }
        catch (FormatException ex) { return console.Usage(ex.Message); }

        List<string> files;
        var skipped = new List<string>();
        try { files = ArticleFileReader.Expand(paths, skipped.Add).ToList(); }
        catch (FileNotFoundException ex) { return console.Usage(ex.Message); }

        IEventStore store;
        try { store = await EventStoreFactory.Open(storeUri, cancellationToken: cancellationToken); }
        catch (EventStoreUnavailableException ex)
        {
            console.Error.WriteLine($"error: {ex.Message}");
            return ExitCodes.Failed;
        }

        await using (store)
        {
            var services = new ServiceCollection()
                .AddSingleton(store)
                .AddTimelineIngestion()
                .AddTimelineMediator()
                .BuildServiceProvider();
            var mediator = services.GetRequiredService<IMediator>();
            var summary = new IngestSummary { Skipped = skipped };
            var clock = Stopwatch.StartNew();
            var total = CountArticles(files);

            if (console.Interactive)
            {
                await console.Ansi.Progress()
                    .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                    .StartAsync(async ctx =>
                    {
                        var task = ctx.AddTask($"Ingesting {total:N0} articles", maxValue: Math.Max(1, total));
                        await Pipeline(files, published, parallelism, mediator, result =>
                        {
                            summary.Add(result);
                            task.Increment(1);
                        }, cancellationToken);
                    });
            }
            else
            {
                await Pipeline(files, published, parallelism, mediator, result =>
                {
                    summary.Add(result);
                    if (result.Outcome == IngestOutcome.Failed) console.Out.WriteLine($"failed: {result.Origin}: {result.Reason}");
                    if (summary.Total % 1000 == 0) console.Out.WriteLine($"progress: {summary.Total:N0}/{total:N0} articles");
                }, cancellationToken);
            }
            summary.Write(console, clock.Elapsed, store.Description);
            return summary.Failed.Count > 0 ? ExitCodes.Failed : ExitCodes.Ok;
        }
    }

    /// <summary>
    /// Reads articles on one task (streamed: JSON Lines never load whole), ingests them on <paramref name="parallelism"/>
    /// workers (extraction runs in parallel; the store serialises its own appends), and reports results on the caller's
    /// side one at a time, so the summary needs no locks.
    /// </summary>
    public static async Task Pipeline(IReadOnlyList<string> files, string? published, int parallelism, IMediator mediator,
        Action<IngestArticleResult> report, CancellationToken cancellationToken)
    {
        var articles = Channel.CreateBounded<ReadOutcome>(new BoundedChannelOptions(parallelism * 8) { SingleWriter = true });
        var results = Channel.CreateBounded<IngestArticleResult>(new BoundedChannelOptions(parallelism * 8) { SingleReader = true });

        var reader = Task.Run(async () =>
        {
            try
            {
                foreach (var file in files)
                    foreach (var outcome in ArticleFileReader.Read(file))
                        await articles.Writer.WriteAsync(outcome, cancellationToken);
            }
            finally
            {
                articles.Writer.Complete();
            }
        }, cancellationToken);

        var workers = Enumerable.Range(0, parallelism).Select(_ => Task.Run(async () =>
        {
            await foreach (var outcome in articles.Reader.ReadAllAsync(cancellationToken))
            {
                var result = outcome switch
                {
                    ReadOutcome.Read read => await mediator.Send(new IngestArticle(ToInput(read.Article), published), cancellationToken),
                    ReadOutcome.Failed failed => new IngestArticleResult { Outcome = IngestOutcome.Failed, Origin = failed.Origin, Reason = failed.Reason },
                    _ => throw new UnreachableException(),
                };
                await results.Writer.WriteAsync(result, cancellationToken);
            }
        }, cancellationToken)).ToArray();

        var closer = Task.Run(async () =>
        {
            try { await Task.WhenAll(workers.Append(reader)); }
            finally { results.Writer.Complete(); }
        }, cancellationToken);

        await foreach (var result in results.Reader.ReadAllAsync(cancellationToken)) report(result);
        await closer;   // surfaces a reader or worker exception after every result was reported
    }

    private static ArticleInput ToInput(ArticleDocument a) => new()
    {
        Id = a.Id, Title = a.Title, Outlet = a.Outlet, Url = a.Url, Published = a.Published, Language = a.Language,
        Body = a.Body, Origin = a.Origin,
    };

    /// <summary>Articles to expect, for the progress bar: one per file, one per non-blank line of JSON Lines (a quick streamed count).</summary>
    private static long CountArticles(IEnumerable<string> files)
    {
        long total = 0;
        var buffer = new byte[64 * 1024];
        foreach (var file in files)
        {
            if (!file.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase) && !file.EndsWith(".ndjson", StringComparison.OrdinalIgnoreCase))
            {
                total++;
                continue;
            }
            try
            {
                using var stream = File.OpenRead(file);
                int read;
                var lineHasContent = false;
                while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
                {
                    for (var i = 0; i < read; i++)
                    {
                        if (buffer[i] == (byte)'\n') { if (lineHasContent) total++; lineHasContent = false; }
                        else if (buffer[i] is not ((byte)' ' or (byte)'\r' or (byte)'\t')) lineHasContent = true;
                    }
                }
                if (lineHasContent) total++;
            }
            catch (IOException)
            {
                total++;   // unreadable: it will be reported as one failure
            }
        }
        return total;
    }
}
