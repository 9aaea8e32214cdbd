# Timeline service image: build with the .NET SDK, run on the ASP.NET Core runtime.
# The base images are build arguments so that a mirror or a pinned digest can be used instead.
ARG SDK_IMAGE=mcr.microsoft.com/dotnet/sdk:10.0
ARG RUNTIME_IMAGE=mcr.microsoft.com/dotnet/aspnet:10.0

FROM ${SDK_IMAGE} AS build
WORKDIR /src
COPY . .
RUN dotnet publish src/Timeline.Cli/Timeline.Cli.csproj -c Release -o /app /p:UseAppHost=false

FROM ${RUNTIME_IMAGE}
WORKDIR /app
COPY --from=build /app .
# Read models (and the embedded store, when no TIMELINE_STORE is given) live here.
ENV TIMELINE_DATA=/data
VOLUME /data
# A 32 MB gen0 budget per heap for the server collector (only the environment can set it; runtimeconfig cannot). Under
# the 352 MB heap limit the default budget is small: serving GetActorTimeline to 32 clients the server process collected
# 35-79 times in 5 s and was paused 8-18 ms a second, so 1-2% of calls met a 1-2 ms pause, right where a p99 is read;
# with this budget 5 times, 1 ms a second, at no more CPU per call (grpc benchmark, server in its own process, two runs,
# 2026-12-07; docs/benchmarks.md). Replays are no worse for a larger budget (64 MB: 32-34 against 38-42 CPU-s).
ENV DOTNET_GCgen0size=0x2000000
# 5080: gRPC (HTTP/2 cleartext); 5081: JSON and the web page (HTTP/1.1).
EXPOSE 5080 5081
ENTRYPOINT ["dotnet", "timeline.dll"]
CMD ["serve", "--urls", "http://0.0.0.0:5080", "--web-urls", "http://0.0.0.0:5081"]
