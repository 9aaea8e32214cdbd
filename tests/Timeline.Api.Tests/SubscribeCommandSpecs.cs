using System.Diagnostics;
using System.Text.Json;
using Timeline.Api.Tests.Support;

namespace Timeline.Api.Tests;

public sealed class timeline_subscribe_against_a_running_server : IAsyncLifetime
{
    private RunningServer _server = null!;

    public async Task InitializeAsync() => _server = await RunningServer.Start();
    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task prints_matching_events_as_json_lines_with_their_positions()
    {
        // Given two events in the log, of two countries
        await _server.Store.Append("cli-kz", TestEvents.Statement("cli-kz", "Aidos Sadykov", "KZ", "Almaty first"));
        await _server.Store.Append("cli-tj", TestEvents.Statement("cli-tj", "Zafar Nazarov", "TJ", "Dushanbe second"));

        // When `timeline subscribe` asks the server for TJ events from the start
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, "timeline.dll"), "subscribe", "--from", "start", "--country", "TJ",
                "--type", "StatementMade", "--server", _server.Server.GrpcAddress.ToString() },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            var line = await process.StandardOutput.ReadLineAsync(timeout.Token);

            // Then it prints the TJ event as one JSON object with the public field names
            Assert.NotNull(line);
            using var json = JsonDocument.Parse(line);
            var e = json.RootElement;
            Assert.Equal("2", e.GetProperty("position").GetString());
            Assert.Equal("StatementMade", e.GetProperty("type").GetString());
            Assert.Equal("TJ", e.GetProperty("country").GetString());
            Assert.Equal("zafar-nazarov", e.GetProperty("actors")[0].GetProperty("id").GetString());
            Assert.Equal("Dushanbe second", e.GetProperty("source").GetProperty("evidence").GetString());
            Assert.Equal("Dushanbe second", e.GetProperty("data").GetProperty("quotes")[0].GetString());
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    [Fact]
    public async Task exits_with_2_and_the_servers_message_for_a_bad_filter()
    {
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, "timeline.dll"), "subscribe", "--type", "Coup",
                "--server", _server.Server.GrpcAddress.ToString() },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.Equal(2, process.ExitCode);
        Assert.Contains("Unknown event type 'Coup'", error);
    }
}
