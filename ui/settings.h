#pragma once

#include <QSettings>
#include <QString>
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

    static constexpr Entry<bool> DurableAnswers{"capture/durableAnswers", true};

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
