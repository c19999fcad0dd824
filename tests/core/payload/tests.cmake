# Payload tests (hookscope_add_test calls).
