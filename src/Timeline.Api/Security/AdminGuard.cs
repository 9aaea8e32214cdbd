using System.Security.Cryptography;
using System.Text;
using Grpc.Core;

namespace Timeline.Api.Security;

/// <summary>
/// Admin calls (ingest, replay) need <c>authorization: Bearer &lt;TIMELINE_ADMIN_TOKEN&gt;</c>. A server started
/// without a token refuses them all: an open write endpoint is never the default.
/// </summary>
public sealed class AdminGuard(string? token)
{
    public const string EnvironmentVariable = "TIMELINE_ADMIN_TOKEN";

    private readonly byte[]? _tokenHash = string.IsNullOrEmpty(token) ? null : SHA256.HashData(Encoding.UTF8.GetBytes(token));

    public bool Enabled => _tokenHash is not null;

    /// <summary>Throws PermissionDenied (admin calls disabled) or Unauthenticated (missing or wrong token).</summary>
    public void Demand(ServerCallContext context, string call)
    {
        if (_tokenHash is null)
            throw new RpcException(new Status(StatusCode.PermissionDenied,
                $"{call} is an admin call, and admin calls are disabled on this server. To enable them, start the server with " +
                $"{EnvironmentVariable} set (e.g. {EnvironmentVariable}=$(openssl rand -hex 16) timeline serve) and send the header " +
                "'authorization: Bearer <token>'."));

        var header = context.RequestHeaders.GetValue("authorization");
        const string scheme = "Bearer ";
        if (header is null || !header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
            throw new RpcException(new Status(StatusCode.Unauthenticated,
                $"{call} is an admin call: send the header 'authorization: Bearer <{EnvironmentVariable}>'."));

        // Compare hashes in fixed time: neither the token's length nor a matching prefix leaks through timing.
        var presented = SHA256.HashData(Encoding.UTF8.GetBytes(header[scheme.Length..].Trim()));
        if (!CryptographicOperations.FixedTimeEquals(presented, _tokenHash))
            throw new RpcException(new Status(StatusCode.Unauthenticated, $"{call}: the bearer token is not this server's {EnvironmentVariable}."));
    }
}
