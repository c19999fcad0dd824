#include "webhookevent.h"

#include "jsonpointer.h"

#include <iterator>
#include <vector>

namespace Payload {

namespace {

/// One provider's way of naming its events. A rule applies when its `when` header is present
/// (or `when` is null) and yields the event from `header`, `field`, or both joined by a dot
/// (GitHub's `pull_request` + `opened`). The first rule that yields something wins, so specific
/// rules come before the generic ones at the end.
struct EventRule
{
    const char *provider;
    const char *when;   ///< header that identifies the provider, or null
    const char *header; ///< header holding the event, or null
    const char *field;  ///< JSON pointer into the body, or null
};

// clang-format off
constexpr EventRule kRules[] = {
    // Event in a header, refined by the body's action.
    {"GitHub",            nullptr,                              "X-GitHub-Event",                      "/action"},
    {"Gitea",             nullptr,                              "X-Gitea-Event",                       "/action"},
    {"Gogs",              nullptr,                              "X-Gogs-Event",                        "/action"},
    {"Sentry",            nullptr,                              "Sentry-Hook-Resource",                "/action"},
    {"Linear",            nullptr,                              "Linear-Event",                        "/action"},
    // Event in a header.
    {"GitLab",            nullptr,                              "X-Gitlab-Event",                      nullptr},
    {"Bitbucket",         nullptr,                              "X-Event-Key",                         nullptr},
    {"Shopify",           nullptr,                              "X-Shopify-Topic",                     nullptr},
    {"WooCommerce",       nullptr,                              "X-WC-Webhook-Topic",                  nullptr},
    {"Twitch EventSub",   nullptr,                              "Twitch-Eventsub-Subscription-Type",   nullptr},
    {"Docusign",          nullptr,                              "X-DocuSign-Event",                    nullptr},
    {"Customer.io",       nullptr,                              "X-CIO-Event",                         nullptr},
    // Event in the body, the provider known by its signature or id header.
    {"Stripe",            "Stripe-Signature",                   nullptr,                               "/type"},
    {"Standard Webhooks", "webhook-id",                         nullptr,                               "/type"},
    {"Svix",              "svix-id",                            nullptr,                               "/type"},
    {"Slack",             "X-Slack-Signature",                  nullptr,                               "/event/type"},
    {"Slack",             "X-Slack-Signature",                  nullptr,                               "/type"},
    {"PayPal",            "PAYPAL-TRANSMISSION-ID",             nullptr,                               "/event_type"},
    {"Paddle",            "Paddle-Signature",                   nullptr,                               "/event_type"},
    {"Zoom",              "x-zm-signature",                     nullptr,                               "/event"},
    {"Jira",              "X-Atlassian-Webhook-Identifier",     nullptr,                               "/webhookEvent"},
    {"Square",            "x-square-hmacsha256-signature",      nullptr,                               "/type"},
    {"Twilio",            "X-Twilio-Signature",                 nullptr,                               "/type"},
    {"Mailgun",           nullptr,                              nullptr,                               "/event-data/event"},
    // Any JSON body that names its event at the top level.
    {"",                  nullptr,                              nullptr,                               "/type"},
    {"",                  nullptr,                              nullptr,                               "/event_type"},
    {"",                  nullptr,                              nullptr,                               "/eventType"},
    {"",                  nullptr,                              nullptr,                               "/event"},
    {"",                  nullptr,                              nullptr,                               "/topic"},
};
// clang-format on

/// Rules that know no provider read the body only up to this size: each may scan all of it.
constexpr qsizetype kMaxGuessedBody = 256 * 1024;

bool looksLikeJsonObject(QByteArrayView body)
{
    for (char c : body) {
        if (c == '{')
            return true;
        if (c != ' ' && c != '\t' && c != '\r' && c != '\n')
            return false;
    }
    return false;
}

/// A name is one short line: a body field that holds an object, or a long text, is not one.
bool isName(const QString &text)
{
    return !text.isEmpty() && !text.startsWith(QLatin1Char('{')) && !text.startsWith(QLatin1Char('['));
}

QString cut(QString text)
{
    text = text.trimmed();
    if (text.size() > kMaxEventText) {
        text.truncate(kMaxEventText - 1);
        text += QChar(0x2026);
    }
    return text;
}

/// The rules' pointers, parsed once.
const std::vector<JsonPointer> &pointers()
{
    static const std::vector<JsonPointer> parsed = [] {
        std::vector<JsonPointer> out;
        for (const EventRule &rule : kRules)
            out.push_back(rule.field ? *JsonPointer::parse(QString::fromLatin1(rule.field)) : JsonPointer());
        return out;
    }();
    return parsed;
}

} // namespace

QString webhookEvent(const HeaderLookup &header, QByteArrayView body)
{
    const bool json = looksLikeJsonObject(body);
    for (size_t i = 0; i < std::size(kRules); ++i) {
        const EventRule &rule = kRules[i];
        if (rule.when && header(QByteArrayView(rule.when)).isNull())
            continue;
        const bool guess = !rule.when && !rule.header;
        if (guess && body.size() > kMaxGuessedBody)
            continue;
        QString named;
        if (rule.header) {
            const QByteArrayView value = header(QByteArrayView(rule.header));
            if (value.trimmed().isEmpty())
                continue;
            named = QString::fromUtf8(value.trimmed());
        }
        if (rule.field && json) {
            const std::optional<QString> value = jsonValueAt(body, pointers()[i], kMaxEventText);
            if (value && isName(*value))
                named = named.isEmpty() ? *value : named + QLatin1Char('.') + *value;
        }
        if (!named.isEmpty())
            return cut(named);
    }
    return {};
}

} // namespace Payload
