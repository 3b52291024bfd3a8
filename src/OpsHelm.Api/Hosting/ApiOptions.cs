namespace OpsHelm.Api.Hosting;

/// <summary>The app's settings (section <c>OpsHelm</c>), validated at start-up.</summary>
public sealed class ApiOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "OpsHelm";

    /// <summary>Port <c>opshelm serve</c> listens on unless told otherwise.</summary>
    public const int DefaultPort = 7080;

    /// <summary>Workspace configuration files (JSON, DESIGN §4) the app serves.</summary>
    public List<string> WorkspaceConfigs { get; set; } = [];

    /// <summary>A principal's role that grants a workspace is this prefix followed by the workspace id.</summary>
    public string WorkspaceRolePrefix { get; set; } = "workspace:";

    /// <summary>A fixed principal for local runs; off unless explicitly enabled.</summary>
    public DevelopmentPrincipalOptions DevelopmentPrincipal { get; set; } = new();

    /// <summary>The problems with these settings, each naming the setting; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        for (var i = 0; i < WorkspaceConfigs.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(WorkspaceConfigs[i]))
            {
                problems.Add($"{Section}:WorkspaceConfigs:{i} is empty");
            }
        }
        if (string.IsNullOrWhiteSpace(WorkspaceRolePrefix))
        {
            problems.Add($"{Section}:WorkspaceRolePrefix must not be empty");
        }
        if (DevelopmentPrincipal.Enabled && DevelopmentPrincipal.Workspaces.Count == 0)
        {
            problems.Add($"{Section}:DevelopmentPrincipal:Workspaces must list at least one workspace when the development principal is enabled");
        }
        return problems;
    }
}

/// <summary>The principal used for local runs when no Static Web Apps principal header is present.</summary>
public sealed class DevelopmentPrincipalOptions
{
    /// <summary>Whether the development principal is used at all.</summary>
    public bool Enabled { get; set; }

    /// <summary>Its user name.</summary>
    public string UserDetails { get; set; } = "developer@localhost";

    /// <summary>The workspaces it may see.</summary>
    public List<string> Workspaces { get; set; } = [];
}
