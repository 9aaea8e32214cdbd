using System.CommandLine;
using System.Text.Json;
using Grpc.Core;
using Grpc.Net.Client;
using Timeline.Api.Hosting;
using Timeline.Api.V1;

namespace Timeline.Cli.Commands;

/// <summary>
/// <c>timeline subscribe [--from start|end|POS] [--type T] [--actor A] [--country C] [--server URL]</c>: a gRPC client of
/// <c>Events.Subscribe</c> that prints events live as JSON lines (the shape of <c>timeline events --format jsonl</c>).
/// </summary>
public static class SubscribeCommand
{
    public const string ServerEnvironmentVariable = "TIMELINE_SERVER";

    private static readonly Option<string> From = new("--from")
    {
        Description = "start (the whole log), end (only new events; the default) or a position: the events after it (resume).",
        DefaultValueFactory = _ => "end",
    };

    private static readonly Option<string[]> Types = new("--type")
    {
        Description = "Only events of this type (repeatable): PartyBanned, ConferenceHeld, InternetOutage, StatementMade, ArticleIngested.",
        AllowMultipleArgumentsPerToken = true,
    };

    private static readonly Option<string?> Actor = new("--actor") { Description = "Only events in which this actor takes part (id, name or alias)." };
    private static readonly Option<string?> Country = new("--country") { Description = "Only events in this country (ISO code, e.g. TJ)." };

    private static readonly Option<string?> Server = new("--server")
    {
        Description = $"The gRPC server (default {TimelineServerOptions.DefaultGrpcUrl}). Env: {ServerEnvironmentVariable}.",
    };

    public static Command Create()
    {
        var command = new Command("subscribe", "Print events live as JSON lines, from a gRPC server (timeline serve).")
        {
            From, Types, Actor, Country, Server,
        };
        command.SetAction(Run);
        return command;
    }

    private static async Task<int> Run(ParseResult parse, CancellationToken cancellationToken)
    {
        var address = parse.GetValue(Server) ?? Environment.GetEnvironmentVariable(ServerEnvironmentVariable) ?? TimelineServerOptions.DefaultGrpcUrl;
        if (!Uri.TryCreate(address, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            return Fail(2, $"--server {address}: expected a URL such as {TimelineServerOptions.DefaultGrpcUrl}.");

        var request = new SubscribeRequest
        {
            From = parse.GetValue(From) ?? "end",
            Actor = parse.GetValue(Actor) ?? "",
            Country = parse.GetValue(Country) ?? "",
        };
        request.Types_.AddRange(parse.GetValue(Types) ?? []);

        using var channel = GrpcChannel.ForAddress(uri);
        var client = new Events.EventsClient(channel);
        var lastPosition = "";
        try
        {
            using var call = client.Subscribe(request, cancellationToken: cancellationToken);
            await using var stdout = Console.OpenStandardOutput();
            await foreach (var message in call.ResponseStream.ReadAllAsync(cancellationToken))
            {
                lastPosition = message.Position;
                switch (message.KindCase)
                {
                    case SubscribeResponse.KindOneofCase.Event:
                        WriteLine(stdout, message.Event);
                        await stdout.FlushAsync(cancellationToken);
                        break;
                    case SubscribeResponse.KindOneofCase.CaughtUp:
                        Console.Error.WriteLine($"caught up at {message.Position}; waiting for new events (Ctrl-C to stop)");
                        break;
                }
            }
            return 0;
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.Cancelled && cancellationToken.IsCancellationRequested)
        {
            return 0;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return 0;
        }
        catch (RpcException e)
        {
            var resume = lastPosition.Length > 0 ? $" Last position received: {lastPosition} (resume with --from {lastPosition})." : "";
            return Fail(e.StatusCode is StatusCode.InvalidArgument or StatusCode.NotFound ? 2 : 1,
                $"{e.StatusCode}: {e.Status.Detail}{resume}");
        }
    }

    /// <summary>One event as one JSON line, with the field names of <c>timeline events --format jsonl</c>.</summary>
    private static void WriteLine(Stream output, StoredEvent e)
    {
        using (var json = new Utf8JsonWriter(output, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("position", e.Position);
            json.WriteString("stream", e.Stream);
            json.WriteString("eventId", e.EventId);
            json.WriteString("type", e.Type);
            if (e.Occurred.Length > 0)
            {
                json.WriteString("occurred", e.Occurred);
                json.WriteString("country", e.Country);
                if (e.Place.Length > 0) json.WriteString("place", e.Place); else json.WriteNull("place");
                json.WriteStartArray("actors");
                foreach (var a in e.Actors)
                {
                    json.WriteStartObject();
                    json.WriteString("id", a.Id);
                    json.WriteString("name", a.Name);
                    json.WriteString("kind", a.Kind);
                    json.WriteString("role", a.Role);
                    json.WriteEndObject();
                }
                json.WriteEndArray();
                json.WriteStartObject("source");
                json.WriteString("articleId", e.Source.ArticleId);
                WriteOptional(json, "title", e.Source.Title);
                WriteOptional(json, "outlet", e.Source.Outlet);
                WriteOptional(json, "url", e.Source.Url);
                WriteOptional(json, "published", e.Source.Published);
                json.WriteString("evidence", e.Source.Evidence);
                json.WriteEndObject();
                json.WriteNumber("confidence", e.Confidence);
            }
            json.WritePropertyName("data");
            json.WriteRawValue(e.DataJson.Length > 0 ? e.DataJson : "{}");
            json.WriteEndObject();
        }
        output.WriteByte((byte)'\n');
    }

    private static void WriteOptional(Utf8JsonWriter json, string name, string value)
    {
        if (value.Length > 0) json.WriteString(name, value); else json.WriteNull(name);
    }

    private static int Fail(int exitCode, string message)
    {
        Console.Error.WriteLine($"timeline subscribe: {message}");
        return exitCode;
    }
}
