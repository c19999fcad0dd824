#pragma once

#include <QByteArray>
#include <QWidget>

class QComboBox;
class QLineEdit;

namespace Gui {

class SecretStore;

/**
 * How the message is signed: a scheme (or none) and a secret, picked from the secrets the
 * Secrets page keeps for verification (the same store), or typed for this message only.
 */
class SigningPicker : public QWidget
{
    Q_OBJECT

public:
    /// `store` may be null (no saved secrets offered).
    explicit SigningPicker(SecretStore *store, QWidget *parent = nullptr);

    /// Empty: unsigned.
    QString scheme() const;
    void setScheme(const QString &id);
    QByteArray secret() const;
    /// Types a secret for this message (the "typed" choice).
    void setTypedSecret(const QByteArray &secret);

    QComboBox *schemeBox() const { return m_scheme; }
    QComboBox *secretBox() const { return m_secret; }

private:
    void fillSecrets();

    SecretStore *m_store;
    QComboBox *m_scheme;
    QComboBox *m_secret;
    QLineEdit *m_typed;
};

} // namespace Gui
