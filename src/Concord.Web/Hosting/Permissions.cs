using System.Globalization;
using System.Security.Claims;
using Concord.Domain;
using Concord.Domain.Members;
using Concord.Features.Access;
using Microsoft.AspNetCore.Authorization;

namespace Concord.Web.Hosting;

/// <summary>
/// Endpoint metadata: the permission an endpoint needs (see <see cref="Access"/> for the matrix). It is also the
/// authorization requirement itself: ASP.NET Core's authorization middleware picks it up from the endpoint
/// (<see cref="IAuthorizationRequirementData"/>) and <see cref="PermissionHandler"/> decides it.
/// </summary>
public sealed record RequiresPermission(Permission Permission) : IAuthorizationRequirement, IAuthorizationRequirementData
{
    public IEnumerable<IAuthorizationRequirement> GetRequirements() => [this];
}

/// <summary>
/// How an endpoint states what it needs: every endpoint under /api declares exactly one permission with
/// <see cref="RequirePermission{TBuilder}"/>; the host refuses to start when one does not (<see cref="EndpointGuard"/>),
/// so a new endpoint cannot be forgotten.
/// </summary>
public static class Permissions
{
    public static TBuilder RequirePermission<TBuilder>(this TBuilder builder, Permission permission) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new RequiresPermission(permission));
}

/// <summary>The claims an account's principal carries, and the <see cref="Reader"/> they make.</summary>
public static class ReaderClaims
{
    public const string Nationality = "concord:nationality";
    public const string Clearance = "concord:clearance";

    /// <summary>The reader behind a principal: <see cref="Reader.Anonymous"/> when it is not signed in.</summary>
    public static Features.Access.Reader ToReader(this ClaimsPrincipal? user)
    {
        if (user?.Identity is not { IsAuthenticated: true } identity) return Features.Access.Reader.Anonymous;
        var roles = user.FindAll(ClaimTypes.Role).Select(c => Enum.TryParse<Role>(c.Value, out var r) ? (Role?)r : null).OfType<Role>().ToHashSet();
        var nationality = MemberCode.TryParse(user.FindFirst(Nationality)?.Value);
        var clearance = int.TryParse(user.FindFirst(Clearance)?.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var c) && Enum.IsDefined((Marking)c)
            ? (Marking)c : Marking.Public;
        // An authenticated principal with no role still is not a visitor: it reads as an Observer.
        if (roles.Count == 0) roles.Add(Role.Observer);
        return new Features.Access.Reader(identity.Name ?? "unknown", roles, nationality, clearance);
    }

    /// <summary>The claims that make <paramref name="reader"/> again through <see cref="ToReader"/>.</summary>
    public static IEnumerable<Claim> ToClaims(this Features.Access.Reader reader)
    {
        yield return new Claim(ClaimTypes.Name, reader.Actor);
        foreach (var role in reader.Roles.Order()) yield return new Claim(ClaimTypes.Role, role.ToString());
        if (reader.Nationality is { } nationality) yield return new Claim(Nationality, nationality.Value);
        yield return new Claim(Clearance, ((int)reader.Clearance).ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>The reader of this request.</summary>
    public static Features.Access.Reader Reader(this HttpContext http) => http.User.ToReader();
}
