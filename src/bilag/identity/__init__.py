"""The Visma-Connect-style identity provider: users, applications, grants, tokens and keys."""
