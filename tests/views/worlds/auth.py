"""The account whose second factor the admin may reset in the authorization matrix: expert 1."""


def add(*, personas, world) -> dict:
    return {"auth_target": personas["expert_1"]}
