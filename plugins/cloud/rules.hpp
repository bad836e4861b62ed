// The cloud plugin's evaluations, grouped by what they look at. Each adds
// its risks, benefits and questions to the context's contribution.
//
// How the levels are set: a risk's likelihood and impact describe the
// exposure the proposal's facts create (service model, deployment, data,
// criticality, organisation). Controls that a mitigation names are left to
// the host, which lowers the residual risk when the proposal has them in
// place and makes planned ones conditions. A rule stays silent when every
// control that answers it is already in place.
#pragma once

#include "context.hpp"

namespace fulcrum::cloud {

// Identity: MFA, privileged access, accounts outside the identity provider.
void evaluate_identity(Context& ctx);
// Data: encryption and keys, residency, processor terms, SaaS backups.
void evaluate_data(Context& ctx);
// The provider: shared responsibility, lock-in, supply chain, tenancy, attestations.
void evaluate_provider(Context& ctx);
// Operations: logging, configuration, network, incident response, recovery.
void evaluate_operations(Context& ctx);
// Benefits over the DESIGN.md dimensions.
void evaluate_benefits(Context& ctx);

} // namespace fulcrum::cloud
