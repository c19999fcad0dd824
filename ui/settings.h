#pragma once

#include <QSettings>
#include <QString>
#include <QStringList>
#include <QVariant>

namespace Ui {

/**
 * The one place settings are read and written. Each setting is a typed entry with its key and
 * default, so no string key is spelled twice and no caller guesses a default.
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

    // Capture
    static inline const Entry<bool> DurableAnswers{"capture/durableAnswers", true};
    static inline const Entry<QString> BindAddress{"capture/bindAddress", QStringLiteral("127.0.0.1")};
    static inline const Entry<int> Port{"capture/port", 8080};
    static inline const Entry<qint64> MaxBodyBytes{"capture/maxBodyBytes", 100LL * 1024 * 1024};
    static inline const Entry<qint64> MaxHeadBytes{"capture/maxHeadBytes", 64 * 1024};
    static inline const Entry<int> MaxHeaderCount{"capture/maxHeaderCount", 256};
    static inline const Entry<int> HeadTimeoutMs{"capture/headTimeoutMs", 30'000};
    static inline const Entry<int> IdleTimeoutMs{"capture/idleTimeoutMs", 60'000};
    static inline const Entry<int> MaxConnections{"capture/maxConnections", 1024};
    static inline const Entry<QByteArray> AnswerRules{"capture/answerRules", {}};
    // Window
    static inline const Entry<QByteArray> WindowGeometry{"window/geometry", {}};
    static inline const Entry<QByteArray> WindowState{"window/state", {}};
    static inline const Entry<QByteArray> SplitterState{"window/splitter", {}};
    static inline const Entry<QByteArray> TableHeader{"window/tableHeader", {}};
    static inline const Entry<bool> FollowNewest{"window/followNewest", true};
    static inline const Entry<QStringList> RecentSessions{"sessions/recent", {}};

    explicit Settings(QSettings *backend = nullptr);

    template<typename T>
    T get(const Entry<T> &entry) const
    {
        return m_settings->value(QLatin1String(entry.key), QVariant::fromValue(entry.fallback)).template value<T>();
    }
    template<typename T>
    void set(const Entry<T> &entry, const T &value)
    {
        m_settings->setValue(QLatin1String(entry.key), QVariant::fromValue(value));
    }

private:
    QSettings m_own;
    QSettings *m_settings;
};

} // namespace Ui
