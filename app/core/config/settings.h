#pragma once

#include "http/limits.h"

#include <QByteArray>
#include <QHostAddress>
#include <QSettings>
#include <QString>
#include <QVariant>

#include <optional>

namespace Config {

/**
 * The one place settings are read and written. Each setting is a typed entry with its key and
 * default, so no string key is spelled twice and no caller guesses a default. The entries here
 * are the ones the core and the command line need; the window adds its own in Gui::Settings.
 *
 * A value that is stored but cannot be read as its entry's type reads as the default, so a hand-
 * edited or damaged file never hands the listener a port or limit of 0.
 */
class Settings
{
public:
    template<typename T>
    struct Entry
    {
        const char *key;
        T fallback;
    };

    // Capture. The limits' defaults are Http::Limits' own, so they are written once.
    static inline const Entry<bool> DurableAnswers{"capture/durableAnswers", true};
    static inline const Entry<QString> BindAddress{"capture/bindAddress", QStringLiteral("127.0.0.1")};
    static inline const Entry<int> Port{"capture/port", 8080};
    static inline const Entry<qint64> MaxBodyBytes{"capture/maxBodyBytes", Http::Limits{}.maxBodyBytes};
    static inline const Entry<qint64> MaxHeadBytes{"capture/maxHeadBytes", Http::Limits{}.maxHeadBytes};
    static inline const Entry<int> MaxHeaderCount{"capture/maxHeaderCount", Http::Limits{}.maxHeaderCount};
    static inline const Entry<int> HeadTimeoutMs{"capture/headTimeoutMs", Http::Limits{}.headTimeoutMs};
    static inline const Entry<int> IdleTimeoutMs{"capture/idleTimeoutMs", Http::Limits{}.idleTimeoutMs};
    static inline const Entry<int> MaxConnections{"capture/maxConnections", Http::Limits{}.maxConnections};
    static inline const Entry<QByteArray> AnswerRules{"capture/answerRules", {}};
    // Tunnels: where the tools are when not on PATH (the command line reads these too).
    static inline const Entry<QString> TunnelCloudflaredProgram{"tunnel/cloudflaredProgram", {}};
    static inline const Entry<QString> TunnelNgrokProgram{"tunnel/ngrokProgram", {}};

    /// Reads and writes `backend` (not owned), or without one the application's QSettings.
    explicit Settings(QSettings *backend = nullptr);
    Settings(const Settings &) = delete;
    Settings &operator=(const Settings &) = delete;

    template<typename T>
    T get(const Entry<T> &entry) const
    {
        QVariant value = m_settings->value(QLatin1String(entry.key));
        if (!value.isValid() || !value.convert(QMetaType::fromType<T>()))
            return entry.fallback;
        return value.template value<T>();
    }
    template<typename T>
    void set(const Entry<T> &entry, const T &value)
    {
        m_settings->setValue(QLatin1String(entry.key), QVariant::fromValue(value));
    }

    /// The limits the listener gets: the stored ones; one not stored, or not above 0, is the default.
    Http::Limits limits() const;
    /// Stores the limits a user can set (all but maxPipelined).
    void setLimits(const Http::Limits &limits);
    /// The address to listen on; 127.0.0.1 when what is stored is not an address.
    QHostAddress listenAddress() const;
    /// The port to listen on (0: any free port); the default when what is stored is not a port.
    quint16 listenPort() const;

private:
    std::optional<QSettings> m_own;
    QSettings *m_settings;
};

} // namespace Config
