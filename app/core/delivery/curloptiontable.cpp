#include "curloptiontable.h"

namespace Delivery::CurlOptionTable {

bool takesValue(Opt id)
{
    switch (id) {
    case Opt::Insecure:
    case Opt::Get:
    case Opt::Head:
    case Opt::Compressed:
    case Opt::Location:
    case Opt::Http10:
    case Opt::Http2:
    case Opt::Quiet:
    case Opt::Unsupported:
        return false;
    default:
        return true;
    }
}

namespace {

// The options curl 7.88/8.x knows that a pasted command is likely to hold. Quiet ones change only
// what curl prints or saves; Unsupported ones would change the request or connection in ways a
// message cannot, so they are named in a warning.
constexpr OptionSpec kOptions[] = {
    {"request", 'X', Opt::Request},
    {"header", 'H', Opt::Header},
    {"data", 'd', Opt::Data},
    {"data-ascii", 0, Opt::Data},
    {"data-raw", 0, Opt::DataRaw},
    {"data-binary", 0, Opt::DataBinary},
    {"data-urlencode", 0, Opt::DataUrlencode},
    {"json", 0, Opt::Json},
    {"form", 'F', Opt::Form},
    {"form-string", 0, Opt::FormString},
    {"user", 'u', Opt::User},
    {"user-agent", 'A', Opt::UserAgent},
    {"referer", 'e', Opt::Referer},
    {"cookie", 'b', Opt::Cookie},
    {"url", 0, Opt::Url},
    {"max-time", 'm', Opt::MaxTime},
    {"connect-timeout", 0, Opt::ConnectTimeout},
    {"retry", 0, Opt::Retry},
    {"retry-delay", 0, Opt::RetryDelay},
    {"proxy", 'x', Opt::Proxy},
    {"noproxy", 0, Opt::NoProxy},
    {"upload-file", 'T', Opt::UploadFile},
    {"oauth2-bearer", 0, Opt::Bearer},
    {"request-target", 0, Opt::RequestTarget},
    {"insecure", 'k', Opt::Insecure},
    {"get", 'G', Opt::Get},
    {"head", 'I', Opt::Head},
    {"compressed", 0, Opt::Compressed},
    {"location", 'L', Opt::Location},
    {"location-trusted", 0, Opt::Location},
    {"http1.0", '0', Opt::Http10},
    {"http2", 0, Opt::Http2},
    {"http2-prior-knowledge", 0, Opt::Http2},
    {"http3", 0, Opt::Http2},
    {"http3-only", 0, Opt::Http2},
    {"config", 'K', Opt::Config},
    // Quiet: output, progress, diagnostics, and what curl already does the way Hookscope does.
    {"silent", 's', Opt::Quiet},
    {"show-error", 'S', Opt::Quiet},
    {"verbose", 'v', Opt::Quiet},
    {"include", 'i', Opt::Quiet},
    {"fail", 'f', Opt::Quiet},
    {"fail-with-body", 0, Opt::Quiet},
    {"progress-bar", '#', Opt::Quiet},
    {"no-progress-meter", 0, Opt::Quiet},
    {"no-buffer", 'N', Opt::Quiet},
    {"remote-name", 'O', Opt::Quiet},
    {"remote-name-all", 0, Opt::Quiet},
    {"remote-header-name", 'J', Opt::Quiet},
    {"disable", 'q', Opt::Quiet},
    {"http1.1", 0, Opt::Quiet},
    {"path-as-is", 0, Opt::Quiet},
    {"globoff", 'g', Opt::Quiet},
    {"ipv4", '4', Opt::Quiet},
    {"ipv6", '6', Opt::Quiet},
    {"tcp-nodelay", 0, Opt::Quiet},
    {"trace-time", 0, Opt::Quiet},
    {"basic", 0, Opt::Quiet},
    {"create-dirs", 0, Opt::Quiet},
    {"styled-output", 0, Opt::Quiet},
    {"output", 'o', Opt::QuietWithValue},
    {"write-out", 'w', Opt::QuietWithValue},
    {"dump-header", 'D', Opt::QuietWithValue},
    {"trace", 0, Opt::QuietWithValue},
    {"trace-ascii", 0, Opt::QuietWithValue},
    {"stderr", 0, Opt::QuietWithValue},
    {"cookie-jar", 'c', Opt::QuietWithValue},
    {"output-dir", 0, Opt::QuietWithValue},
    // Unsupported without a value.
    {"digest", 0, Opt::Unsupported},
    {"ntlm", 0, Opt::Unsupported},
    {"negotiate", 0, Opt::Unsupported},
    {"anyauth", 0, Opt::Unsupported},
    {"netrc", 'n', Opt::Unsupported},
    {"netrc-optional", 0, Opt::Unsupported},
    {"no-keepalive", 0, Opt::Unsupported},
    {"junk-session-cookies", 'j', Opt::Unsupported},
    {"proxytunnel", 'p', Opt::Unsupported},
    {"tlsv1.2", 0, Opt::Unsupported},
    {"tlsv1.3", 0, Opt::Unsupported},
    {"ssl-no-revoke", 0, Opt::Unsupported},
    // Unsupported with a value.
    {"cacert", 0, Opt::UnsupportedWithValue},
    {"capath", 0, Opt::UnsupportedWithValue},
    {"cert", 'E', Opt::UnsupportedWithValue},
    {"key", 0, Opt::UnsupportedWithValue},
    {"cert-type", 0, Opt::UnsupportedWithValue},
    {"key-type", 0, Opt::UnsupportedWithValue},
    {"pass", 0, Opt::UnsupportedWithValue},
    {"pinnedpubkey", 0, Opt::UnsupportedWithValue},
    {"ciphers", 0, Opt::UnsupportedWithValue},
    {"tls-max", 0, Opt::UnsupportedWithValue},
    {"resolve", 0, Opt::UnsupportedWithValue},
    {"connect-to", 0, Opt::UnsupportedWithValue},
    {"interface", 0, Opt::UnsupportedWithValue},
    {"local-port", 0, Opt::UnsupportedWithValue},
    {"dns-servers", 0, Opt::UnsupportedWithValue},
    {"doh-url", 0, Opt::UnsupportedWithValue},
    {"unix-socket", 0, Opt::UnsupportedWithValue},
    {"abstract-unix-socket", 0, Opt::UnsupportedWithValue},
    {"max-redirs", 0, Opt::UnsupportedWithValue},
    {"limit-rate", 0, Opt::UnsupportedWithValue},
    {"speed-limit", 'Y', Opt::UnsupportedWithValue},
    {"speed-time", 'y', Opt::UnsupportedWithValue},
    {"retry-max-time", 0, Opt::UnsupportedWithValue},
    {"range", 'r', Opt::UnsupportedWithValue},
    {"continue-at", 'C', Opt::UnsupportedWithValue},
    {"time-cond", 'z', Opt::UnsupportedWithValue},
    {"proxy-user", 'U', Opt::UnsupportedWithValue},
    {"proxy-header", 0, Opt::UnsupportedWithValue},
    {"preproxy", 0, Opt::UnsupportedWithValue},
    {"socks5", 0, Opt::UnsupportedWithValue},
    {"socks5-hostname", 0, Opt::UnsupportedWithValue},
    {"aws-sigv4", 0, Opt::UnsupportedWithValue},
    {"netrc-file", 0, Opt::UnsupportedWithValue},
    {"max-filesize", 0, Opt::UnsupportedWithValue},
    {"keepalive-time", 0, Opt::UnsupportedWithValue},
    {"expect100-timeout", 0, Opt::UnsupportedWithValue},
    {"proto", 0, Opt::UnsupportedWithValue},
    {"proto-redir", 0, Opt::UnsupportedWithValue},
    {"variable", 0, Opt::UnsupportedWithValue},
};

} // namespace

const OptionSpec *findLong(QByteArrayView name)
{
    for (const OptionSpec &o : kOptions) {
        if (name == o.longName)
            return &o;
    }
    return nullptr;
}

const OptionSpec *findShort(char c)
{
    for (const OptionSpec &o : kOptions) {
        if (o.shortName == c)
            return &o;
    }
    return nullptr;
}

} // namespace Delivery::CurlOptionTable
