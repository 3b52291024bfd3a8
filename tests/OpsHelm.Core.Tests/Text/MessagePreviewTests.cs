using OpsHelm.Core.Messages;
using OpsHelm.Core.Text;

namespace OpsHelm.Core.Tests.Text;

public sealed class MessagePreviewTests
{
    [Fact]
    public void A_preview_is_the_new_text_on_one_line_without_the_sign_off()
    {
        var text = "Hi team,\n\nThe printer on floor 3 is down again.\r\nCan you look?\n\nThanks,\nJane Doe\nContoso IT";

        MessagePreview.Of(text).ShouldBe("Hi team, The printer on floor 3 is down again. Can you look?");
    }

    [Theory]
    [InlineData("Server is back.\n-- \nJane\n+1 555 0100", "Server is back.")]
    [InlineData("Server is back.\n\nBest regards,\nJane", "Server is back.")]
    [InlineData("Server is back.\nSent from my iPhone", "Server is back.")]
    [InlineData("Thanks!", "Thanks!")]
    [InlineData("Thanks for the fix, all good now.", "Thanks for the fix, all good now.")]
    public void The_signature_is_cut_but_a_message_that_is_only_thanks_keeps_it(string text, string preview)
    {
        MessagePreview.Of(text).ShouldBe(preview);
    }

    [Fact]
    public void A_long_text_is_clipped_to_300_characters_with_an_ellipsis()
    {
        var preview = MessagePreview.Of(string.Join(' ', Enumerable.Repeat("word", 500)));

        preview.Length.ShouldBe(300);
        preview.ShouldEndWith("…");
    }

    [Fact]
    public void A_clip_never_splits_a_surrogate_pair()
    {
        var preview = MessagePreview.Of(new string('a', 298) + "😀😀😀");

        preview.Length.ShouldBeLessThanOrEqualTo(300);
        char.IsHighSurrogate(preview[^2]).ShouldBeFalse();
        preview.ShouldEndWith("a…");
    }

    [Fact]
    public void An_HTML_body_is_read_as_text_and_bounded()
    {
        var message = new InboundMessage { ProviderMessageId = "m", Body = "<p>Hello <b>there</b></p><script>alert(1)</script>" + new string('x', 500), BodyIsHtml = true };

        var body = BodyText.Of(message, 100);

        body.Text.ShouldStartWith("Hello there");
        body.Text.ShouldNotContain("<");
        body.Text.ShouldNotContain("alert");
        body.Text.Length.ShouldBeLessThanOrEqualTo(100);
        body.Truncated.ShouldBeTrue();
        body.WasHtml.ShouldBeTrue();
    }
}
