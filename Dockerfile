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
# 5080: gRPC (HTTP/2 cleartext); 5081: JSON and the web page (HTTP/1.1).
EXPOSE 5080 5081
ENTRYPOINT ["dotnet", "timeline.dll"]
CMD ["serve", "--urls", "http://0.0.0.0:5080", "--web-urls", "http://0.0.0.0:5081"]
