#pragma once

#include <QByteArrayView>

namespace Delivery::CurlOptionTable {

/// What an option of curl's does to the import.
enum class Opt {
    Request,
    Header,
    Data,
    DataRaw,
    DataBinary,
    DataUrlencode,
    Json,
    Form,
    FormString,
    User,
    UserAgent,
    Referer,
    Cookie,
    Url,
    MaxTime,
    ConnectTimeout,
    Retry,
    RetryDelay,
    Proxy,
    NoProxy,
    UploadFile,
    Bearer,
    RequestTarget,
    Insecure,
    Get,
    Head,
    Compressed,
    Location,
    Http10,
    Http2,
    Config,
    Quiet, ///< changes only what curl prints or saves
    QuietWithValue,
    Unsupported, ///< would change the request or connection in a way a message cannot
    UnsupportedWithValue,
};

struct OptionSpec
{
    const char *longName;
    char shortName; ///< 0: none
    Opt id;
};

bool takesValue(Opt id);
/// The option named `name` (without the leading "--"), or null.
const OptionSpec *findLong(QByteArrayView name);
const OptionSpec *findShort(char c);

} // namespace Delivery::CurlOptionTable
