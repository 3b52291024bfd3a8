using OpsHelm.Core.Text;

namespace OpsHelm.Core.Tests.Text;

public class QuoteSplitterTests
{
    [Theory]
    [InlineData("Hi\nI'll do it.\n\n________________________________\nFrom: A\nSent: Monday\nOld text")]
    [InlineData("Hi\nI'll do it.\n\n-----Original Message-----\nFrom: A\nOld text")]
    [InlineData("Hi\nI'll do it.\n\nOn Mon, 9 Nov 2026 at 10:00, A <a@x.com> wrote:\n> Old text")]
    [InlineData("Hi\nI'll do it.\n\nFrom: A <a@x.com>\nSent: Monday, November 9, 2026\nOld text")]
    public void New_text_ends_where_the_quote_begins(string body)
    {
        var start = QuoteSplitter.QuoteStart(body);
        body[..start].Trim().ShouldBe("Hi\nI'll do it.");
        body[start..].ShouldContain("Old text");
    }

    [Fact]
    public void A_body_without_a_quote_is_all_new_text()
    {
        const string body = "From: the warehouse team, thanks!\nAll good.";
        QuoteSplitter.QuoteStart(body).ShouldBe(body.Length);
    }
}
