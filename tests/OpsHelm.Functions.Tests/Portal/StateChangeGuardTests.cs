using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using OpsHelm.Core.Ports;
using OpsHelm.Core.Records;

namespace OpsHelm.Functions.Tests.Portal;

/// <summary>The probe's cross-site POSTs: triage, meeting dismissal and ingest take JSON from the portal's own origin only.</summary>
public sealed class StateChangeGuardTests : IAsyncLifetime
{
    private readonly ServeApp _app = new();

    public async Task InitializeAsync() => await _app.IngestDemoAsync();

    public Task DisposeAsync()
    {
        _app.Dispose();
        return Task.CompletedTask;
    }

    private IRecordStore Records => _app.Services.GetRequiredService<IRecordStore>();

    private async Task<ExceptionRecord> OpenExceptionAsync() =>
        (await Records.ListExceptionsAsync("ws-demo", "Open", CancellationToken.None)).First(e => e.Reason != ExceptionReason.ParseFailure);

    private async Task<HttpResponseMessage> PostAsync(string path, HttpContent? content, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/workspaces/ws-demo" + path) { Content = content };
        foreach (var (name, value) in headers)
        {
            request.Headers.Add(name, value);
        }
        return await _app.ClientFor("ws-demo").SendAsync(request);
    }

    public static TheoryData<string, string?> NotJson => new()
    {
        { "text/plain", """{"note":"from another site"}""" },
        { "application/x-www-form-urlencoded", "note=from+another+site" },
        { "multipart/form-data; boundary=x", "--x\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nhi\r\n--x--\r\n" },
        { "", null },
    };

    [Theory]
    [MemberData(nameof(NotJson))]
    public async Task A_triage_POST_that_is_not_JSON_gets_415_and_changes_nothing(string contentType, string? body)
    {
        var exception = await OpenExceptionAsync();

        foreach (var action in new[] { "dismiss", "resolve", "assign" })
        {
            var response = await PostAsync($"/exceptions/{exception.Id}/{action}", body is null ? null : new StringContent(body, Encoding.UTF8).WithType(contentType));
            response.StatusCode.ShouldBe(HttpStatusCode.UnsupportedMediaType, action);
        }

        (await Records.ListExceptionsAsync("ws-demo", null, CancellationToken.None)).Single(e => e.Id == exception.Id).ShouldBe(exception);
    }

    [Theory]
    [InlineData("Sec-Fetch-Site", "cross-site")]
    [InlineData("Sec-Fetch-Site", "same-site")]
    [InlineData("Origin", "https://evil.example")]
    [InlineData("Origin", "null")]
    public async Task A_cross_site_triage_POST_is_refused_and_changes_nothing(string header, string value)
    {
        var exception = await OpenExceptionAsync();

        var response = await PostAsync($"/exceptions/{exception.Id}/dismiss", Json("""{"note":"cross-site"}"""), (header, value));

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await Records.ListExceptionsAsync("ws-demo", null, CancellationToken.None)).Single(e => e.Id == exception.Id).Status.ShouldBe("Open");
    }

    [Fact]
    public async Task A_same_origin_JSON_triage_POST_is_carried_out()
    {
        var exception = await OpenExceptionAsync();

        var response = await PostAsync($"/exceptions/{exception.Id}/dismiss", Json("{}"), ("Sec-Fetch-Site", "same-origin"), ("Origin", "http://localhost"));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Records.ListExceptionsAsync("ws-demo", null, CancellationToken.None)).Single(e => e.Id == exception.Id).Status.ShouldBe("Dismissed");
    }

    [Fact]
    public async Task A_client_without_fetch_metadata_is_judged_by_its_origin_against_the_host()
    {
        var exception = await OpenExceptionAsync();

        (await PostAsync($"/exceptions/{exception.Id}/dismiss", Json("{}"), ("Origin", "http://localhost.evil.example"))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await PostAsync($"/exceptions/{exception.Id}/dismiss", Json("{}"), ("Origin", "http://localhost"))).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_meeting_dismissal_or_an_ingest_that_is_not_JSON_gets_415_and_changes_nothing()
    {
        var meeting = (await Records.ListEventsAsync("ws-demo", CancellationToken.None)).First(e => e.Category == Category.Meeting);
        var runsBefore = await Records.ListRunsAsync("ws-demo", 100, CancellationToken.None);

        (await PostAsync($"/meetings/{Uri.EscapeDataString(meeting.Key)}/dismiss", new StringContent("x", Encoding.UTF8, "text/plain")))
            .StatusCode.ShouldBe(HttpStatusCode.UnsupportedMediaType);
        (await PostAsync("/ingest", new StringContent("x", Encoding.UTF8, "text/plain"))).StatusCode.ShouldBe(HttpStatusCode.UnsupportedMediaType);
        (await PostAsync("/ingest", Json("{}"), ("Sec-Fetch-Site", "cross-site"))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        (await Records.ListDismissedMeetingsAsync("ws-demo", CancellationToken.None)).ShouldBeEmpty();
        (await Records.ListRunsAsync("ws-demo", 100, CancellationToken.None)).Count.ShouldBe(runsBefore.Count);
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}

internal static class ContentTypeExtensions
{
    /// <summary>The content with exactly <paramref name="contentType"/> (none when empty), unvalidated as a hostile page may send it.</summary>
    public static HttpContent WithType(this HttpContent content, string contentType)
    {
        content.Headers.Remove("Content-Type");
        if (contentType.Length > 0)
        {
            content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }
        return content;
    }
}
