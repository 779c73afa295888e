/* eslint-disable */
import * as types from './graphql.js';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "mutation ArchivedProjectArchive($id: ID!) { projectArchive(id: $id) { userErrors { code } } }": typeof types.ArchivedProjectArchiveDocument,
    "mutation ArchivedProjectUpdate($id: ID!) { projectUpdate(id: $id, input: { name: \"New\" }) { project { id } userErrors { code field } } }": typeof types.ArchivedProjectUpdateDocument,
    "mutation ArchivedReconciliationCreate($p: ID!) { reconciliationCreate(input: { projectId: $p, reference: \"A-2\", amount: \"1.00\", currency: \"EUR\" }) { reconciliation { id } project { id } userErrors { code field } } }": typeof types.ArchivedReconciliationCreateDocument,
    "mutation ArchivedReconciliationUpdate($id: ID!) { reconciliationUpdate(id: $id, input: { amount: \"11.00\" }) { reconciliation { id } project { id } userErrors { code field } } }": typeof types.ArchivedReconciliationUpdateDocument,
    "mutation ArchivedReconciliationUpdate2($id: ID!, $p: ID!) { reconciliationUpdate(id: $id, input: { projectId: $p }) { reconciliation { id } project { id } userErrors { code field } } }": typeof types.ArchivedReconciliationUpdate2Document,
    "mutation ArchivedReconciliationDelete($id: ID!) { reconciliationDelete(id: $id) { deletedId project { id } userErrors { code field } } }": typeof types.ArchivedReconciliationDeleteDocument,
    "mutation ArchivedReconciliationStatusSet($id: ID!) { reconciliationStatusSet(id: $id, status: MATCHED, reason: \"checked\") { reconciliation { id } project { id } userErrors { code field } } }": typeof types.ArchivedReconciliationStatusSetDocument,
    "mutation ArchivedReconciliationItemsAdd($id: ID!) { reconciliationItemsAdd(reconciliationId: $id, items: [{ amount: \"1.00\" }]) { reconciliation { id } items { id } userErrors { code field } } }": typeof types.ArchivedReconciliationItemsAddDocument,
    "mutation ArchivedReconciliationItemRemove($id: ID!) { reconciliationItemRemove(id: $id) { deletedId reconciliation { id } userErrors { code field } } }": typeof types.ArchivedReconciliationItemRemoveDocument,
    "mutation ArchivedReconciliationsMatch($p: ID!) { reconciliationsMatch(projectId: $p) { project { id } statusCounts { count } changedCount userErrors { code field } } }": typeof types.ArchivedReconciliationsMatchDocument,
    "mutation ArchivedMatchingRuleCreate($p: ID!) { matchingRuleCreate(input: { projectId: $p, name: \"Loose\", tolerance: \"1.00\" }) { matchingRule { id } project { id } userErrors { code field } } }": typeof types.ArchivedMatchingRuleCreateDocument,
    "mutation ArchivedMatchingRuleUpdate($id: ID!) { matchingRuleUpdate(id: $id, input: { enabled: false }) { matchingRule { id } project { id } userErrors { code field } } }": typeof types.ArchivedMatchingRuleUpdateDocument,
    "mutation ArchivedMatchingRuleDelete($id: ID!) { matchingRuleDelete(id: $id) { deletedId project { id } userErrors { code field } } }": typeof types.ArchivedMatchingRuleDeleteDocument,
    "mutation ArchivedProjectArchive2($id: ID!) { projectArchive(id: $id) { project { archived } userErrors { code } } }": typeof types.ArchivedProjectArchive2Document,
    "mutation ArchivedProjectUnarchive($id: ID!) { projectUnarchive(id: $id) { project { archived } userErrors { code } } }": typeof types.ArchivedProjectUnarchiveDocument,
    "mutation ArchivedReconciliationStatusSet2($id: ID!) { reconciliationStatusSet(id: $id, status: MATCHED, reason: \"checked\") { reconciliation { status } userErrors { code } } }": typeof types.ArchivedReconciliationStatusSet2Document,
    "\n  query Totals($id: ID!) {\n    node(id: $id) { ... on Reconciliation { amount itemsTotal difference items(first: 1) { totalCount edges { node { amount } } } } }\n  }\n": typeof types.TotalsDocument,
    "\n  query Filtered($filter: ReconciliationFilter) {\n    reconciliations(first: 100, filter: $filter, orderBy: { field: AMOUNT, direction: ASC }) {\n      totalCount\n      edges { node { reference amount } }\n    }\n  }\n": typeof types.FilteredDocument,
    "mutation FailFastSignInRefused { sessionCreate(input: { email: \"a@example.test\", password: \"x\" }) { token } }": typeof types.FailFastSignInRefusedDocument,
    "query FailFastProjects { projects { totalCount } }": typeof types.FailFastProjectsDocument,
    "mutation FailFastProjectCreate { projectCreate(input: { name: \"during the freeze\" }) { project { id } userErrors { code } } }": typeof types.FailFastProjectCreateDocument,
    "query FailFastTypename { __typename }": typeof types.FailFastTypenameDocument,
    "mutation FailFastSignIn { sessionCreate(input: { email: \"frozen@example.test\", password: \"test-password\" }) { token } }": typeof types.FailFastSignInDocument,
    "query FederationEntities($r: [_Any!]!) { _entities(representations: $r) {\n  __typename ... on Project { name } ... on Reconciliation { reference amount } } }": typeof types.FederationEntitiesDocument,
    "query FederationService { _service { sdl } }": typeof types.FederationServiceDocument,
    "query HttpProjects { projects { totalCount } }": typeof types.HttpProjectsDocument,
    "mutation HttpSessionDelete { sessionDelete { userErrors { code } } }": typeof types.HttpSessionDeleteDocument,
    "query HttpEntitiesOverCost($r: [_Any!]!) { _entities(representations: $r) { ... on Project { reconciliations(first: 100) { edges { node { reference } } } } } }": typeof types.HttpEntitiesOverCostDocument,
    "query HttpEntitiesNone($r: [_Any!]!) { _entities(representations: $r) { ... on Project { reconciliations(first: 100) { edges { node { reference } } } } } }": typeof types.HttpEntitiesNoneDocument,
    "query HttpPaged($n: Int!) { projects(first: $n) { edges { node { reconciliations(first: $n) { edges { node { items(first: $n) { edges { node { amount } } } } } } } } } }": typeof types.HttpPagedDocument,
    "query HttpOversizedPage { projects(first: 60000) { totalCount } }": typeof types.HttpOversizedPageDocument,
    "query HttpWithinLimits { projects(first: 100) { edges { node { name reconciliations(first: 100) { edges { node { reference amount } } } } } } }": typeof types.HttpWithinLimitsDocument,
    "query HttpMasked { projects { edges { node { name } } } }": typeof types.HttpMaskedDocument,
    "query IdCapsNodes($ids: [ID!]!) { nodes(ids: $ids) { id ... on Reconciliation { reference } } }": typeof types.IdCapsNodesDocument,
    "query IdCapsEntities($r: [_Any!]!) { _entities(representations: $r) { ... on Reconciliation { reference } } }": typeof types.IdCapsEntitiesDocument,
    "mutation ItemsReconciliationItemsAdd($id: ID!, $items: [ReconciliationItemInput!]!) { reconciliationItemsAdd(reconciliationId: $id, items: $items) {\n  reconciliation { itemsTotal difference items(first: 1) { totalCount } } userErrors { code field message } } }": typeof types.ItemsReconciliationItemsAddDocument,
    "mutation ItemsReconciliationsMatch($id: ID!) { reconciliationsMatch(projectId: $id) { userErrors { code } } }": typeof types.ItemsReconciliationsMatchDocument,
    "query ItemsNode($id: ID!) { node(id: $id) { ... on Reconciliation { status itemsTotal items(first: 1) { totalCount } } } }": typeof types.ItemsNodeDocument,
    "mutation LockTimeoutSignIn($email: String!, $password: String!) { sessionCreate(input: { email: $email, password: $password }) { token } }": typeof types.LockTimeoutSignInDocument,
    "mutation LockTimeoutProjectUpdate($id: ID!) { projectUpdate(id: $id, input: { name: \"After\" }) {\n      project { name } userErrors { code message field } } }": typeof types.LockTimeoutProjectUpdateDocument,
    "query LockTimeoutProjects { projects { totalCount } }": typeof types.LockTimeoutProjectsDocument,
    "mutation LockTimeoutProjectUpdateTimedOut($id: ID!) { projectUpdate(id: $id, input: { name: \"Timed out\" }) { project { name } userErrors { code } } }": typeof types.LockTimeoutProjectUpdateTimedOutDocument,
    "mutation MatchingReconciliationsMatch($id: ID!) { reconciliationsMatch(projectId: $id) {\n  project { id } statusCounts { status count } changedCount userErrors { code field } } }": typeof types.MatchingReconciliationsMatchDocument,
    "query MatchingNode($id: ID!) { node(id: $id) { ... on Reconciliation { status } } }": typeof types.MatchingNodeDocument,
    "query MetricsProjects { projects { totalCount } }": typeof types.MetricsProjectsDocument,
    "mutation MutationsProjectCreate($input: ProjectInput!) { projectCreate(input: $input) { project { id name archived } userErrors { code field message } } }": typeof types.MutationsProjectCreateDocument,
    "mutation MutationsProjectUpdate($id: ID!, $input: ProjectInput!) { projectUpdate(id: $id, input: $input) { project { id name } userErrors { code field message } } }": typeof types.MutationsProjectUpdateDocument,
    "mutation MutationsProjectArchive($id: ID!) { projectArchive(id: $id) { project { archived } userErrors { code field message } } }": typeof types.MutationsProjectArchiveDocument,
    "mutation MutationsProjectUnarchive($id: ID!) { projectUnarchive(id: $id) { project { archived } userErrors { code field message } } }": typeof types.MutationsProjectUnarchiveDocument,
    "query MutationsAuditLogs { auditLogs(first: 1, filter: { action: \"project.update\" }) { edges { node { action entityId details user { email } } } } }": typeof types.MutationsAuditLogsDocument,
    "mutation MutationsReconciliationCreate($input: ReconciliationInput!) { reconciliationCreate(input: $input) {\n      reconciliation { id reference amount currency status metadata project { id } } project { id statusCounts { status count } }\n      userErrors { code field message } } }": typeof types.MutationsReconciliationCreateDocument,
    "mutation MutationsReconciliationUpdate($id: ID!, $input: ReconciliationInput!) { reconciliationUpdate(id: $id, input: $input) {\n      reconciliation { reference amount currency metadata status } project { id } userErrors { code field message } } }": typeof types.MutationsReconciliationUpdateDocument,
    "mutation MutationsReconciliationDelete($id: ID!) { reconciliationDelete(id: $id) { deletedId project { id } userErrors { code field message } } }": typeof types.MutationsReconciliationDeleteDocument,
    "mutation MutationsReconciliationStatusSet($id: ID!, $status: ReconciliationStatus!, $reason: String!) {\n      reconciliationStatusSet(id: $id, status: $status, reason: $reason) { reconciliation { status } project { id } userErrors { code field message } } }": typeof types.MutationsReconciliationStatusSetDocument,
    "mutation MutationsReconciliationItemAddOne($id: ID!) { reconciliationItemsAdd(reconciliationId: $id, items: [{ amount: \"1.00\" }]) { userErrors { code } } }": typeof types.MutationsReconciliationItemAddOneDocument,
    "query MutationsNode($id: ID!) { node(id: $id) { id } }": typeof types.MutationsNodeDocument,
    "mutation MutationsReconciliationItemsAdd($id: ID!, $items: [ReconciliationItemInput!]!) { reconciliationItemsAdd(reconciliationId: $id, items: $items) {\n      reconciliation { id itemsTotal } items { id amount description } userErrors { code field message } } }": typeof types.MutationsReconciliationItemsAddDocument,
    "mutation MutationsReconciliationItemRemove($id: ID!) { reconciliationItemRemove(id: $id) { deletedId reconciliation { itemsTotal } userErrors { code field message } } }": typeof types.MutationsReconciliationItemRemoveDocument,
    "mutation MutationsMatchingRuleCreate($input: MatchingRuleInput!) { matchingRuleCreate(input: $input) {\n      matchingRule { id name tolerance dateWindowDays matchReference priority enabled } project { rules { name } } userErrors { code field message } } }": typeof types.MutationsMatchingRuleCreateDocument,
    "mutation MutationsMatchingRuleUpdate($id: ID!, $input: MatchingRuleInput!) { matchingRuleUpdate(id: $id, input: $input) {\n      matchingRule { name tolerance enabled } userErrors { code field message } } }": typeof types.MutationsMatchingRuleUpdateDocument,
    "mutation MutationsMatchingRuleDelete($id: ID!) { matchingRuleDelete(id: $id) { deletedId project { rules { name } } userErrors { code field message } } }": typeof types.MutationsMatchingRuleDeleteDocument,
    "mutation MutationsSettingsUpdate($s: JSON!) { settingsUpdate(settings: $s) { settings userErrors { code field message } } }": typeof types.MutationsSettingsUpdateDocument,
    "query MutationsSettings { settings }": typeof types.MutationsSettingsDocument,
    "\n  query Page($projectId: ID!, $first: Int, $after: String, $last: Int, $before: String, $order: ReconciliationOrder) {\n    reconciliations(first: $first, after: $after, last: $last, before: $before, orderBy: $order, filter: { projectId: $projectId }) {\n      totalCount\n      edges { cursor node { id reference } }\n      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n    }\n  }\n": typeof types.PageDocument,
    "\n  query NestedPage($projectId: ID!, $first: Int, $after: String) {\n    node(id: $projectId) {\n      ... on Project {\n        reconciliations(first: $first, after: $after, orderBy: { field: AMOUNT, direction: ASC }) {\n          edges { node { reference } }\n          pageInfo { hasNextPage endCursor }\n        }\n      }\n    }\n  }\n": typeof types.NestedPageDocument,
    "query PoolProjects { projects { totalCount } }": typeof types.PoolProjectsDocument,
    "\n  mutation PoolProjectCreate($name: String!) {\n    projectCreate(input: { name: $name }) { project { id } userErrors { code message } }\n  }\n": typeof types.PoolProjectCreateDocument,
    "mutation RateLimitIpv6SessionCreate($e: String!, $p: String!) { sessionCreate(input: { email: $e, password: $p }) { token userErrors { code } } }": typeof types.RateLimitIpv6SessionCreateDocument,
    "mutation RateLimitSessionCreate($e: String!, $p: String!) { sessionCreate(input: { email: $e, password: $p }) { token userErrors { code } } }": typeof types.RateLimitSessionCreateDocument,
    "query RateLimitTypename { __typename }": typeof types.RateLimitTypenameDocument,
    "query RateLimitViewer { viewer { email } }": typeof types.RateLimitViewerDocument,
    "\n  mutation SessionIdentitySignInThenWrite($email: String!, $password: String!) {\n    sessionCreate(input: { email: $email, password: $password }) { token viewer { email } userErrors { code } }\n    projectCreate(input: { name: \"Written by whom?\" }) { project { id } userErrors { code } }\n  }\n": typeof types.SessionIdentitySignInThenWriteDocument,
    "\n  mutation SessionIdentitySignInThenSignOut($email: String!, $password: String!) {\n    sessionCreate(input: { email: $email, password: $password }) { token userErrors { code } }\n    sessionDelete { userErrors { code } }\n  }\n": typeof types.SessionIdentitySignInThenSignOutDocument,
    "query SessionIdentityWho { viewer { email } }": typeof types.SessionIdentityWhoDocument,
    "mutation StaleTokenSignIn($email: String!, $password: String!) { sessionCreate(input: { email: $email, password: $password }) { token viewer { email } userErrors { code } } }": typeof types.StaleTokenSignInDocument,
    "mutation StaleTokenSessionDelete { sessionDelete { userErrors { code } } }": typeof types.StaleTokenSessionDeleteDocument,
    "query StaleTokenViewer { viewer { email } }": typeof types.StaleTokenViewerDocument,
    "query StaleTokenSchema { __schema { mutationType { name } } }": typeof types.StaleTokenSchemaDocument,
    "query StaleTokenProjects { projects { totalCount } }": typeof types.StaleTokenProjectsDocument,
    "\n  query Tree($p: Int!, $r: Int!, $i: Int!) {\n    projects(first: $p) {\n      edges {\n        node {\n          name\n          reconciliations(first: $r) {\n            edges {\n              node {\n                reference\n                items(first: $i) { edges { node { amount reconciliation { reference } } } }\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n": typeof types.TreeDocument,
    "\n  query Counts($p: Int!, $r: Int!) {\n    projects(first: $p) {\n      totalCount\n      edges {\n        node {\n          statusCounts { status count }\n          reconciliations(first: $r) { totalCount edges { node { itemsTotal difference } } }\n        }\n      }\n    }\n    statusCounts { status count }\n  }\n": typeof types.CountsDocument,
    "\n  query Dashboard($since: DateTime!) {\n    reconciliations(first: 100, filter: { status: [PENDING], createdAfter: $since }) {\n      edges { node { reference amount createdAt project { name } } }\n    }\n  }\n": typeof types.DashboardDocument,
    "\n  query Nodes($ids: [ID!]!) {\n    nodes(ids: $ids) {\n      __typename\n      id\n      ... on Project { name }\n      ... on Reconciliation { reference }\n      ... on ReconciliationItem { amount }\n      ... on MatchingRule { name }\n    }\n  }\n": typeof types.NodesDocument,
    "\n  query Organization($n: Int!) {\n    viewer {\n      organization {\n        projects(first: $n) { edges { node { rules { name } } } }\n      }\n    }\n  }\n": typeof types.OrganizationDocument,
    "\n  query Audit($n: Int!) {\n    auditLogs(first: $n) { edges { node { action user { email } } } }\n  }\n": typeof types.AuditDocument,
    "\n  query Everything {\n    viewer { email organization { name users { edges { node { email } } } projects { edges { node { name } } } } }\n    projects { totalCount edges { node { id name rules { id name } reconciliations { totalCount edges { node { id reference items { totalCount edges { node { id description } } } } } } } } }\n    reconciliations { totalCount edges { node { id reference project { name } } } }\n    statusCounts { status count }\n    auditLogs { totalCount edges { node { action user { email } } } }\n    settings\n  }\n": typeof types.EverythingDocument,
    "\n  query NodeById($id: ID!) { node(id: $id) { __typename id } }\n": typeof types.NodeByIdDocument,
    "\n  query NodesByIds($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }\n": typeof types.NodesByIdsDocument,
    "\n  query ByProject($projectId: ID!) {\n    reconciliations(filter: { projectId: $projectId }) { totalCount }\n    statusCounts(projectId: $projectId) { count }\n  }\n": typeof types.ByProjectDocument,
    "query TenancyProjects { projects { totalCount } }": typeof types.TenancyProjectsDocument,
    "query TenancyAuditLogs { auditLogs { totalCount } }": typeof types.TenancyAuditLogsDocument,
    "query TenancySettings { settings }": typeof types.TenancySettingsDocument,
    "query TenancyTypename { __typename }": typeof types.TenancyTypenameDocument,
    "mutation TenancySessionCreate { sessionCreate(input: { email: \"admin@alpha.test\", password: \"wrong\" }) { token userErrors { code field } } }": typeof types.TenancySessionCreateDocument,
    "mutation TenancySessionDelete { sessionDelete { userErrors { code } } }": typeof types.TenancySessionDeleteDocument,
    "query TenancyViewer { viewer { email } }": typeof types.TenancyViewerDocument,
    "mutation TimeoutSignIn($email: String!, $password: String!) { sessionCreate(input: { email: $email, password: $password }) { token } }": typeof types.TimeoutSignInDocument,
    "query TimeoutProjects { projects { totalCount } }": typeof types.TimeoutProjectsDocument,
    "mutation TransportSignIn { sessionCreate(input: { email: \"transport@example.test\", password: \"test-password\" }) { token } }": typeof types.TransportSignInDocument,
    "mutation TransportSessionDelete { sessionDelete { userErrors { code } } }": typeof types.TransportSessionDeleteDocument,
    "query TransportTypename { __typename }": typeof types.TransportTypenameDocument,
    "mutation TransportReconciliationItemsAdd($id: ID!, $items: [ReconciliationItemInput!]!) { reconciliationItemsAdd(reconciliationId: $id, items: $items) { userErrors { code } } }": typeof types.TransportReconciliationItemsAddDocument,
    "query CoherenceReconciliations { reconciliations(first: 10, orderBy: { field: UPDATED_AT, direction: DESC }) { totalCount edges { node { reference amount status itemsTotal difference } } } }": typeof types.CoherenceReconciliationsDocument,
    "query CoherenceProjects { projects { edges { node { name archived statusCounts { status count } rules { name tolerance enabled } reconciliations(first: 5) { totalCount edges { node { reference status } } } } } } }": typeof types.CoherenceProjectsDocument,
    "query CoherenceStatusCounts { statusCounts { status count } }": typeof types.CoherenceStatusCountsDocument,
    "query CoherenceReconciliationItems($id: ID!) { node(id: $id) { ... on Reconciliation { amount reference status items(first: 20) { totalCount edges { node { amount description } } } } } }": typeof types.CoherenceReconciliationItemsDocument,
    "query CoherenceMatchedCount { reconciliations(filter: { status: [MATCHED, PARTIALLY_MATCHED] }) { totalCount } }": typeof types.CoherenceMatchedCountDocument,
    "query CoherenceProjectPage($p: ID!) { reconciliations(first: 50, filter: { projectId: $p }) { edges { node { reference amount } } } statusCounts(projectId: $p) { status count } }": typeof types.CoherenceProjectPageDocument,
    "query CoherenceUnarchivedCount { viewer { organization { projects(filter: { archived: false }) { totalCount } } } }": typeof types.CoherenceUnarchivedCountDocument,
    "query CoherenceSettings { settings }": typeof types.CoherenceSettingsDocument,
    "query CoherenceRule($id: ID!) { node(id: $id) { ... on MatchingRule { name tolerance dateWindowDays enabled } } }": typeof types.CoherenceRuleDocument,
    "mutation CoherenceReconciliationCreate($input: ReconciliationInput!) { reconciliationCreate(input: $input) { reconciliation { id } userErrors { code } } }": typeof types.CoherenceReconciliationCreateDocument,
    "mutation CoherenceReconciliationUpdate($id: ID!, $input: ReconciliationInput!) { reconciliationUpdate(id: $id, input: $input) { userErrors { code } } }": typeof types.CoherenceReconciliationUpdateDocument,
    "mutation CoherenceReconciliationItemsAdd($id: ID!, $items: [ReconciliationItemInput!]!) { reconciliationItemsAdd(reconciliationId: $id, items: $items) { items { id } userErrors { code } } }": typeof types.CoherenceReconciliationItemsAddDocument,
    "mutation CoherenceReconciliationItemRemove($id: ID!) { reconciliationItemRemove(id: $id) { userErrors { code } } }": typeof types.CoherenceReconciliationItemRemoveDocument,
    "mutation CoherenceReconciliationStatusSet($id: ID!, $s: ReconciliationStatus!) { reconciliationStatusSet(id: $id, status: $s, reason: \"checked\") { userErrors { code } } }": typeof types.CoherenceReconciliationStatusSetDocument,
    "mutation CoherenceReconciliationsMatch($id: ID!) { reconciliationsMatch(projectId: $id) { userErrors { code } } }": typeof types.CoherenceReconciliationsMatchDocument,
    "mutation CoherenceReconciliationDelete($id: ID!) { reconciliationDelete(id: $id) { userErrors { code } } }": typeof types.CoherenceReconciliationDeleteDocument,
    "mutation CoherenceProjectUpdate($id: ID!, $n: String!) { projectUpdate(id: $id, input: { name: $n }) { userErrors { code } } }": typeof types.CoherenceProjectUpdateDocument,
    "mutation CoherenceProjectArchive($id: ID!) { projectArchive(id: $id) { userErrors { code } } }": typeof types.CoherenceProjectArchiveDocument,
    "mutation CoherenceProjectUnarchive($id: ID!) { projectUnarchive(id: $id) { userErrors { code } } }": typeof types.CoherenceProjectUnarchiveDocument,
    "mutation CoherenceMatchingRuleUpdate($id: ID!, $input: MatchingRuleInput!) { matchingRuleUpdate(id: $id, input: $input) { userErrors { code } } }": typeof types.CoherenceMatchingRuleUpdateDocument,
    "mutation CoherenceMatchingRuleCreate($input: MatchingRuleInput!) { matchingRuleCreate(input: $input) { matchingRule { id } userErrors { code } } }": typeof types.CoherenceMatchingRuleCreateDocument,
    "mutation CoherenceSettingsUpdate($s: JSON!) { settingsUpdate(settings: $s) { userErrors { code } } }": typeof types.CoherenceSettingsUpdateDocument,
    "query CoherenceProjectNode($id: ID!) { node(id: $id) { ... on Project { name archived } } }": typeof types.CoherenceProjectNodeDocument,
    "query CoherenceArchivedList($s: String!) { projects(first: 100, filter: { archived: true, search: $s }) { edges { node { id } } } }": typeof types.CoherenceArchivedListDocument,
    "query CoherenceReconciliationNode($id: ID!) { node(id: $id) { ... on Reconciliation { reference amount status } } }": typeof types.CoherenceReconciliationNodeDocument,
    "query CoherenceMatchedList($p: ID!) { reconciliations(first: 100, filter: { projectId: $p, status: [MATCHED] }) { edges { node { id } } } }": typeof types.CoherenceMatchedListDocument,
    "query CoherenceRuleNode($id: ID!) { node(id: $id) { ... on MatchingRule { name enabled } } }": typeof types.CoherenceRuleNodeDocument,
    "query CoherenceProjectRules($p: ID!) { node(id: $p) { ... on Project { rules { id enabled } } } }": typeof types.CoherenceProjectRulesDocument,
    "mutation CoherenceProjectCreate($n: String!) { projectCreate(input: { name: $n }) { project { id name archived } userErrors { code } } }": typeof types.CoherenceProjectCreateDocument,
    "mutation CoherenceScenarioProjectUpdate($id: ID!, $n: String!) { projectUpdate(id: $id, input: { name: $n }) { project { name archived } userErrors { code } } }": typeof types.CoherenceScenarioProjectUpdateDocument,
    "mutation CoherenceScenarioSettingsUpdate($s: JSON!) { settingsUpdate(settings: $s) { settings userErrors { code } } }": typeof types.CoherenceScenarioSettingsUpdateDocument,
    "mutation CoherenceScenarioReconciliationCreate($input: ReconciliationInput!) { reconciliationCreate(input: $input) { reconciliation { id reference amount status } userErrors { code } } }": typeof types.CoherenceScenarioReconciliationCreateDocument,
    "mutation CoherenceScenarioReconciliationDelete($id: ID!) { reconciliationDelete(id: $id) { deletedId userErrors { code } } }": typeof types.CoherenceScenarioReconciliationDeleteDocument,
    "mutation CoherenceScenarioReconciliationStatusSet($id: ID!, $s: ReconciliationStatus!) { reconciliationStatusSet(id: $id, status: $s, reason: \"checked\") { reconciliation { reference amount status } userErrors { code } } }": typeof types.CoherenceScenarioReconciliationStatusSetDocument,
    "mutation CoherenceScenarioMatchingRuleCreate($input: MatchingRuleInput!) { matchingRuleCreate(input: $input) { matchingRule { id name enabled } userErrors { code } } }": typeof types.CoherenceScenarioMatchingRuleCreateDocument,
    "mutation CoherenceMatchingRuleDelete($id: ID!) { matchingRuleDelete(id: $id) { deletedId userErrors { code } } }": typeof types.CoherenceMatchingRuleDeleteDocument,
    "mutation CoherenceScenarioMatchingRuleUpdate($id: ID!, $input: MatchingRuleInput!) { matchingRuleUpdate(id: $id, input: $input) { matchingRule { name enabled } userErrors { code } } }": typeof types.CoherenceScenarioMatchingRuleUpdateDocument,
    "query CoherenceViewerEmail { viewer { email } }": typeof types.CoherenceViewerEmailDocument,
    "mutation CoherenceSessionDelete { sessionDelete { userErrors { code } } }": typeof types.CoherenceSessionDeleteDocument,
    "query CoherenceRecentlyUpdated { reconciliations(first: 10, orderBy: { field: UPDATED_AT, direction: DESC }) { totalCount edges { node { reference amount status } } } }": typeof types.CoherenceRecentlyUpdatedDocument,
    "query CoherenceFirstProjects { projects(first: 5) { totalCount edges { node { name archived } } } }": typeof types.CoherenceFirstProjectsDocument,
    "query CoherenceViewerRole { viewer { email role } }": typeof types.CoherenceViewerRoleDocument,
    "query EdgeList($first: Int) { reconciliations(first: $first) { totalCount edges { node { reference amount } } } }": typeof types.EdgeListDocument,
    "query EdgeProjects { projects { edges { node { name } } } }": typeof types.EdgeProjectsDocument,
    "mutation EdgeProjectUpdate($id: ID!, $name: String!) { projectUpdate(id: $id, input: { name: $name }) { project { name } userErrors { code } } }": typeof types.EdgeProjectUpdateDocument,
    "query EdgeViewer { viewer { email } }": typeof types.EdgeViewerDocument,
    "mutation EdgeSessionDelete { sessionDelete { userErrors { code } } }": typeof types.EdgeSessionDeleteDocument,
    "query EdgeViewerRole { viewer { email role } }": typeof types.EdgeViewerRoleDocument,
    "mutation EdgeSessionCreate { sessionCreate(input: { email: \"down@edge.test\", password: \"test-password\" }) { token } }": typeof types.EdgeSessionCreateDocument,
    "query FrozenRedisProject($id: ID!) { node(id: $id) { ... on Project { name } } }": typeof types.FrozenRedisProjectDocument,
    "mutation FrozenRedisProjectUpdate($id: ID!, $name: String!) { projectUpdate(id: $id, input: { name: $name }) { userErrors { code } } }": typeof types.FrozenRedisProjectUpdateDocument,
    "query MatrixEntity($R: ID!) { node(id: $R) { ... on Reconciliation { reference amount status itemsTotal difference } } }": typeof types.MatrixEntityDocument,
    "query MatrixParent($P: ID!) { node(id: $P) { ... on Project { name archived statusCounts { status count } reconciliations { totalCount edges { node { reference status } } } rules { name tolerance enabled } } } }": typeof types.MatrixParentDocument,
    "query MatrixList($P: ID!) { reconciliations(filter: { projectId: $P }) { totalCount edges { node { id reference amount status } } } }": typeof types.MatrixListDocument,
    "query MatrixCounts($P: ID!) { statusCounts(projectId: $P) { status count } }": typeof types.MatrixCountsDocument,
    "query MatrixEmptyList($E: ID!) { reconciliations(filter: { projectId: $E }) { totalCount edges { node { reference } } } }": typeof types.MatrixEmptyListDocument,
    "query MatrixItems($R: ID!) { node(id: $R) { ... on Reconciliation { items { totalCount edges { node { amount } } } } } }": typeof types.MatrixItemsDocument,
    "query MatrixProjects { projects { totalCount edges { node { name archived } } } }": typeof types.MatrixProjectsDocument,
    "query MatrixSettings { settings }": typeof types.MatrixSettingsDocument,
    "query MatrixOrgCounts { statusCounts { status count } }": typeof types.MatrixOrgCountsDocument,
    "query MatrixRule($K: ID!) { node(id: $K) { ... on MatchingRule { name tolerance enabled } } }": typeof types.MatrixRuleDocument,
    "mutation MatrixProjectCreate { projectCreate(input: { name: \"Another\" }) { userErrors { code } } }": typeof types.MatrixProjectCreateDocument,
    "mutation MatrixProjectUpdate($P: ID!) { projectUpdate(id: $P, input: { name: \"Renamed\" }) { userErrors { code } } }": typeof types.MatrixProjectUpdateDocument,
    "mutation MatrixProjectArchive($P: ID!) { projectArchive(id: $P) { userErrors { code } } }": typeof types.MatrixProjectArchiveDocument,
    "mutation MatrixProjectUnarchive($P: ID!) { projectUnarchive(id: $P) { userErrors { code } } }": typeof types.MatrixProjectUnarchiveDocument,
    "mutation MatrixReconciliationCreateIntoEmpty($E: ID!) { reconciliationCreate(input: { projectId: $E, reference: \"NEW\", amount: \"5.00\", currency: \"EUR\" }) { userErrors { code } } }": typeof types.MatrixReconciliationCreateIntoEmptyDocument,
    "mutation MatrixReconciliationCreate($P: ID!) { reconciliationCreate(input: { projectId: $P, reference: \"NEW\", amount: \"5.00\", currency: \"EUR\" }) { userErrors { code } } }": typeof types.MatrixReconciliationCreateDocument,
    "mutation MatrixReconciliationUpdate($R: ID!) { reconciliationUpdate(id: $R, input: { amount: \"99.00\" }) { userErrors { code } } }": typeof types.MatrixReconciliationUpdateDocument,
    "mutation MatrixReconciliationMove($R: ID!, $E: ID!) { reconciliationUpdate(id: $R, input: { projectId: $E }) { userErrors { code } } }": typeof types.MatrixReconciliationMoveDocument,
    "mutation MatrixReconciliationDelete($R: ID!) { reconciliationDelete(id: $R) { userErrors { code } } }": typeof types.MatrixReconciliationDeleteDocument,
    "mutation MatrixReconciliationItemsAdd($R: ID!) { reconciliationItemsAdd(reconciliationId: $R, items: [{ amount: \"1.00\" }]) { userErrors { code } } }": typeof types.MatrixReconciliationItemsAddDocument,
    "mutation MatrixReconciliationItemRemove($I: ID!) { reconciliationItemRemove(id: $I) { userErrors { code } } }": typeof types.MatrixReconciliationItemRemoveDocument,
    "mutation MatrixReconciliationStatusSet($R: ID!) { reconciliationStatusSet(id: $R, status: UNMATCHED, reason: \"by hand\") { userErrors { code } } }": typeof types.MatrixReconciliationStatusSetDocument,
    "mutation MatrixReconciliationsMatch($P: ID!) { reconciliationsMatch(projectId: $P) { userErrors { code } } }": typeof types.MatrixReconciliationsMatchDocument,
    "mutation MatrixMatchingRuleCreate($P: ID!) { matchingRuleCreate(input: { projectId: $P, name: \"Loose\", tolerance: \"2.00\" }) { userErrors { code } } }": typeof types.MatrixMatchingRuleCreateDocument,
    "mutation MatrixMatchingRuleUpdate($K: ID!) { matchingRuleUpdate(id: $K, input: { tolerance: \"3.00\", enabled: false }) { userErrors { code } } }": typeof types.MatrixMatchingRuleUpdateDocument,
    "mutation MatrixMatchingRuleDelete($K: ID!) { matchingRuleDelete(id: $K) { userErrors { code } } }": typeof types.MatrixMatchingRuleDeleteDocument,
    "mutation MatrixSettingsUpdate { settingsUpdate(settings: { theme: \"dark\" }) { userErrors { code } } }": typeof types.MatrixSettingsUpdateDocument,
    "mutation MatrixSessionDelete { sessionDelete { userErrors { code } } }": typeof types.MatrixSessionDeleteDocument,
    "mutation BypassProjectArchive($id: ID!) { projectArchive(id: $id) { project { id archived } userErrors { code } } }": typeof types.BypassProjectArchiveDocument,
    "mutation BypassProjectUnarchive($id: ID!) { projectUnarchive(id: $id) { project { id archived } userErrors { code } } }": typeof types.BypassProjectUnarchiveDocument,
    "mutation BypassProjectUpdate($id: ID!, $name: String!) { projectUpdate(id: $id, input: { name: $name }) { project { name } userErrors { code } } }": typeof types.BypassProjectUpdateDocument,
    "query BypassProject($id: ID!) { node(id: $id) { ... on Project { name archived } } }": typeof types.BypassProjectDocument,
    "mutation BypassSettingsUpdate($s: JSON!) { settingsUpdate(settings: $s) { settings userErrors { code } } }": typeof types.BypassSettingsUpdateDocument,
    "mutation BypassReconciliationStatusSet($id: ID!, $s: ReconciliationStatus!) { reconciliationStatusSet(id: $id, status: $s, reason: \"checked\") { reconciliation { status } userErrors { code } } }": typeof types.BypassReconciliationStatusSetDocument,
    "query BypassReconciliation($id: ID!) { node(id: $id) { ... on Reconciliation { reference status } } }": typeof types.BypassReconciliationDocument,
    "mutation BypassProjectCreate($name: String!) { projectCreate(input: { name: $name }) { project { id name } userErrors { code } } }": typeof types.BypassProjectCreateDocument,
    "mutation BypassReconciliationCreate($input: ReconciliationInput!) { reconciliationCreate(input: $input) { reconciliation { id reference } userErrors { code } } }": typeof types.BypassReconciliationCreateDocument,
    "mutation BypassReconciliationDelete($id: ID!) { reconciliationDelete(id: $id) { deletedId userErrors { code } } }": typeof types.BypassReconciliationDeleteDocument,
    "mutation BypassSessionDelete { sessionDelete { userErrors { code } } }": typeof types.BypassSessionDeleteDocument,
    "query BypassViewer { viewer { email } }": typeof types.BypassViewerDocument,
    "query BypassList($first: Int) { reconciliations(first: $first) { totalCount edges { node { reference } } } }": typeof types.BypassListDocument,
    "query BypassCount($first: Int) { reconciliations(first: $first) { totalCount } }": typeof types.BypassCountDocument,
    "query BypassSettings { settings }": typeof types.BypassSettingsDocument,
    "query OutageReconciliation($id: ID!) { node(id: $id) { ... on Reconciliation { amount itemsTotal items(first: 10) { totalCount } } } }": typeof types.OutageReconciliationDocument,
    "mutation OutageReconciliationItemsAdd($id: ID!) { reconciliationItemsAdd(reconciliationId: $id, items: [{ amount: \"1.00\" }]) { userErrors { code } } }": typeof types.OutageReconciliationItemsAddDocument,
    "query OutageProject($id: ID!) { node(id: $id) { ... on Project { name } } }": typeof types.OutageProjectDocument,
    "mutation OutageProjectUpdate($id: ID!, $name: String!) { projectUpdate(id: $id, input: { name: $name }) { userErrors { code } } }": typeof types.OutageProjectUpdateDocument,
    "mutation OutageSessionDelete { sessionDelete { userErrors { code } } }": typeof types.OutageSessionDeleteDocument,
    "query ResponseCacheReconciliations { reconciliations(first: 5) { totalCount edges { node { reference amount } } } }": typeof types.ResponseCacheReconciliationsDocument,
    "query ResponseCacheProjects { projects { edges { node { name } } } }": typeof types.ResponseCacheProjectsDocument,
    "query ResponseCacheSettings { settings }": typeof types.ResponseCacheSettingsDocument,
    "query ResponseCacheAuditLogs { auditLogs { totalCount } }": typeof types.ResponseCacheAuditLogsDocument,
    "query ResponseCacheViewer { viewer { email role } }": typeof types.ResponseCacheViewerDocument,
    "query ResponseCacheViewerEmail { viewer { email } }": typeof types.ResponseCacheViewerEmailDocument,
    "query ResponseCacheViewerId { viewer { id } }": typeof types.ResponseCacheViewerIdDocument,
    "query ResponseCacheViewerName { viewer { name } }": typeof types.ResponseCacheViewerNameDocument,
    "mutation ResponseCacheSessionDelete { sessionDelete { userErrors { code } } }": typeof types.ResponseCacheSessionDeleteDocument,
    "query ResponseCacheViewerRole { viewer { role } }": typeof types.ResponseCacheViewerRoleDocument,
    "query ResponseCacheTypename { __typename }": typeof types.ResponseCacheTypenameDocument,
    "query ResponseCacheTtl { reconciliations(first: 1) { totalCount } statusCounts { count } }": typeof types.ResponseCacheTtlDocument,
    "query ResponseCacheSettingsAndViewer { settings viewer { email } }": typeof types.ResponseCacheSettingsAndViewerDocument,
    "mutation ResponseCacheSettingsUpdate { settingsUpdate(settings: { v: 2 }) { userErrors { code } } }": typeof types.ResponseCacheSettingsUpdateDocument,
    "query ResponseCacheSettingsAndProjects { settings projects { totalCount } }": typeof types.ResponseCacheSettingsAndProjectsDocument,
    "mutation ResponseCacheMatchingRuleCreate($id: ID!) { matchingRuleCreate(input: { projectId: $id, name: \"New rule\" }) { userErrors { code } } }": typeof types.ResponseCacheMatchingRuleCreateDocument,
    "mutation ResponseCacheProjectUpdate($id: ID!) { projectUpdate(id: $id, input: { name: \"Renamed\" }) { userErrors { code } } }": typeof types.ResponseCacheProjectUpdateDocument,
    "mutation ResponseCacheReconciliationsMatch($id: ID!) { reconciliationsMatch(projectId: $id) { userErrors { code } } }": typeof types.ResponseCacheReconciliationsMatchDocument,
    "\n  mutation TestAppSignIn($email: String!, $password: String!) {\n    sessionCreate(input: { email: $email, password: $password }) { token userErrors { code message } }\n  }\n": typeof types.TestAppSignInDocument,
};
const documents: Documents = {
    "mutation ArchivedProjectArchive($id: ID!) { projectArchive(id: $id) { userErrors { code } } }": types.ArchivedProjectArchiveDocument,
    "mutation ArchivedProjectUpdate($id: ID!) { projectUpdate(id: $id, input: { name: \"New\" }) { project { id } userErrors { code field } } }": types.ArchivedProjectUpdateDocument,
    "mutation ArchivedReconciliationCreate($p: ID!) { reconciliationCreate(input: { projectId: $p, reference: \"A-2\", amount: \"1.00\", currency: \"EUR\" }) { reconciliation { id } project { id } userErrors { code field } } }": types.ArchivedReconciliationCreateDocument,
    "mutation ArchivedReconciliationUpdate($id: ID!) { reconciliationUpdate(id: $id, input: { amount: \"11.00\" }) { reconciliation { id } project { id } userErrors { code field } } }": types.ArchivedReconciliationUpdateDocument,
    "mutation ArchivedReconciliationUpdate2($id: ID!, $p: ID!) { reconciliationUpdate(id: $id, input: { projectId: $p }) { reconciliation { id } project { id } userErrors { code field } } }": types.ArchivedReconciliationUpdate2Document,
    "mutation ArchivedReconciliationDelete($id: ID!) { reconciliationDelete(id: $id) { deletedId project { id } userErrors { code field } } }": types.ArchivedReconciliationDeleteDocument,
    "mutation ArchivedReconciliationStatusSet($id: ID!) { reconciliationStatusSet(id: $id, status: MATCHED, reason: \"checked\") { reconciliation { id } project { id } userErrors { code field } } }": types.ArchivedReconciliationStatusSetDocument,
    "mutation ArchivedReconciliationItemsAdd($id: ID!) { reconciliationItemsAdd(reconciliationId: $id, items: [{ amount: \"1.00\" }]) { reconciliation { id } items { id } userErrors { code field } } }": types.ArchivedReconciliationItemsAddDocument,
    "mutation ArchivedReconciliationItemRemove($id: ID!) { reconciliationItemRemove(id: $id) { deletedId reconciliation { id } userErrors { code field } } }": types.ArchivedReconciliationItemRemoveDocument,
    "mutation ArchivedReconciliationsMatch($p: ID!) { reconciliationsMatch(projectId: $p) { project { id } statusCounts { count } changedCount userErrors { code field } } }": types.ArchivedReconciliationsMatchDocument,
    "mutation ArchivedMatchingRuleCreate($p: ID!) { matchingRuleCreate(input: { projectId: $p, name: \"Loose\", tolerance: \"1.00\" }) { matchingRule { id } project { id } userErrors { code field } } }": types.ArchivedMatchingRuleCreateDocument,
    "mutation ArchivedMatchingRuleUpdate($id: ID!) { matchingRuleUpdate(id: $id, input: { enabled: false }) { matchingRule { id } project { id } userErrors { code field } } }": types.ArchivedMatchingRuleUpdateDocument,
    "mutation ArchivedMatchingRuleDelete($id: ID!) { matchingRuleDelete(id: $id) { deletedId project { id } userErrors { code field } } }": types.ArchivedMatchingRuleDeleteDocument,
    "mutation ArchivedProjectArchive2($id: ID!) { projectArchive(id: $id) { project { archived } userErrors { code } } }": types.ArchivedProjectArchive2Document,
    "mutation ArchivedProjectUnarchive($id: ID!) { projectUnarchive(id: $id) { project { archived } userErrors { code } } }": types.ArchivedProjectUnarchiveDocument,
    "mutation ArchivedReconciliationStatusSet2($id: ID!) { reconciliationStatusSet(id: $id, status: MATCHED, reason: \"checked\") { reconciliation { status } userErrors { code } } }": types.ArchivedReconciliationStatusSet2Document,
    "\n  query Totals($id: ID!) {\n    node(id: $id) { ... on Reconciliation { amount itemsTotal difference items(first: 1) { totalCount edges { node { amount } } } } }\n  }\n": types.TotalsDocument,
    "\n  query Filtered($filter: ReconciliationFilter) {\n    reconciliations(first: 100, filter: $filter, orderBy: { field: AMOUNT, direction: ASC }) {\n      totalCount\n      edges { node { reference amount } }\n    }\n  }\n": types.FilteredDocument,
    "mutation FailFastSignInRefused { sessionCreate(input: { email: \"a@example.test\", password: \"x\" }) { token } }": types.FailFastSignInRefusedDocument,
    "query FailFastProjects { projects { totalCount } }": types.FailFastProjectsDocument,
    "mutation FailFastProjectCreate { projectCreate(input: { name: \"during the freeze\" }) { project { id } userErrors { code } } }": types.FailFastProjectCreateDocument,
    "query FailFastTypename { __typename }": types.FailFastTypenameDocument,
    "mutation FailFastSignIn { sessionCreate(input: { email: \"frozen@example.test\", password: \"test-password\" }) { token } }": types.FailFastSignInDocument,
    "query FederationEntities($r: [_Any!]!) { _entities(representations: $r) {\n  __typename ... on Project { name } ... on Reconciliation { reference amount } } }": types.FederationEntitiesDocument,
    "query FederationService { _service { sdl } }": types.FederationServiceDocument,
    "query HttpProjects { projects { totalCount } }": types.HttpProjectsDocument,
    "mutation HttpSessionDelete { sessionDelete { userErrors { code } } }": types.HttpSessionDeleteDocument,
    "query HttpEntitiesOverCost($r: [_Any!]!) { _entities(representations: $r) { ... on Project { reconciliations(first: 100) { edges { node { reference } } } } } }": types.HttpEntitiesOverCostDocument,
    "query HttpEntitiesNone($r: [_Any!]!) { _entities(representations: $r) { ... on Project { reconciliations(first: 100) { edges { node { reference } } } } } }": types.HttpEntitiesNoneDocument,
    "query HttpPaged($n: Int!) { projects(first: $n) { edges { node { reconciliations(first: $n) { edges { node { items(first: $n) { edges { node { amount } } } } } } } } } }": types.HttpPagedDocument,
    "query HttpOversizedPage { projects(first: 60000) { totalCount } }": types.HttpOversizedPageDocument,
    "query HttpWithinLimits { projects(first: 100) { edges { node { name reconciliations(first: 100) { edges { node { reference amount } } } } } } }": types.HttpWithinLimitsDocument,
    "query HttpMasked { projects { edges { node { name } } } }": types.HttpMaskedDocument,
    "query IdCapsNodes($ids: [ID!]!) { nodes(ids: $ids) { id ... on Reconciliation { reference } } }": types.IdCapsNodesDocument,
    "query IdCapsEntities($r: [_Any!]!) { _entities(representations: $r) { ... on Reconciliation { reference } } }": types.IdCapsEntitiesDocument,
    "mutation ItemsReconciliationItemsAdd($id: ID!, $items: [ReconciliationItemInput!]!) { reconciliationItemsAdd(reconciliationId: $id, items: $items) {\n  reconciliation { itemsTotal difference items(first: 1) { totalCount } } userErrors { code field message } } }": types.ItemsReconciliationItemsAddDocument,
    "mutation ItemsReconciliationsMatch($id: ID!) { reconciliationsMatch(projectId: $id) { userErrors { code } } }": types.ItemsReconciliationsMatchDocument,
    "query ItemsNode($id: ID!) { node(id: $id) { ... on Reconciliation { status itemsTotal items(first: 1) { totalCount } } } }": types.ItemsNodeDocument,
    "mutation LockTimeoutSignIn($email: String!, $password: String!) { sessionCreate(input: { email: $email, password: $password }) { token } }": types.LockTimeoutSignInDocument,
    "mutation LockTimeoutProjectUpdate($id: ID!) { projectUpdate(id: $id, input: { name: \"After\" }) {\n      project { name } userErrors { code message field } } }": types.LockTimeoutProjectUpdateDocument,
    "query LockTimeoutProjects { projects { totalCount } }": types.LockTimeoutProjectsDocument,
    "mutation LockTimeoutProjectUpdateTimedOut($id: ID!) { projectUpdate(id: $id, input: { name: \"Timed out\" }) { project { name } userErrors { code } } }": types.LockTimeoutProjectUpdateTimedOutDocument,
    "mutation MatchingReconciliationsMatch($id: ID!) { reconciliationsMatch(projectId: $id) {\n  project { id } statusCounts { status count } changedCount userErrors { code field } } }": types.MatchingReconciliationsMatchDocument,
    "query MatchingNode($id: ID!) { node(id: $id) { ... on Reconciliation { status } } }": types.MatchingNodeDocument,
    "query MetricsProjects { projects { totalCount } }": types.MetricsProjectsDocument,
    "mutation MutationsProjectCreate($input: ProjectInput!) { projectCreate(input: $input) { project { id name archived } userErrors { code field message } } }": types.MutationsProjectCreateDocument,
    "mutation MutationsProjectUpdate($id: ID!, $input: ProjectInput!) { projectUpdate(id: $id, input: $input) { project { id name } userErrors { code field message } } }": types.MutationsProjectUpdateDocument,
    "mutation MutationsProjectArchive($id: ID!) { projectArchive(id: $id) { project { archived } userErrors { code field message } } }": types.MutationsProjectArchiveDocument,
    "mutation MutationsProjectUnarchive($id: ID!) { projectUnarchive(id: $id) { project { archived } userErrors { code field message } } }": types.MutationsProjectUnarchiveDocument,
    "query MutationsAuditLogs { auditLogs(first: 1, filter: { action: \"project.update\" }) { edges { node { action entityId details user { email } } } } }": types.MutationsAuditLogsDocument,
    "mutation MutationsReconciliationCreate($input: ReconciliationInput!) { reconciliationCreate(input: $input) {\n      reconciliation { id reference amount currency status metadata project { id } } project { id statusCounts { status count } }\n      userErrors { code field message } } }": types.MutationsReconciliationCreateDocument,
    "mutation MutationsReconciliationUpdate($id: ID!, $input: ReconciliationInput!) { reconciliationUpdate(id: $id, input: $input) {\n      reconciliation { reference amount currency metadata status } project { id } userErrors { code field message } } }": types.MutationsReconciliationUpdateDocument,
    "mutation MutationsReconciliationDelete($id: ID!) { reconciliationDelete(id: $id) { deletedId project { id } userErrors { code field message } } }": types.MutationsReconciliationDeleteDocument,
    "mutation MutationsReconciliationStatusSet($id: ID!, $status: ReconciliationStatus!, $reason: String!) {\n      reconciliationStatusSet(id: $id, status: $status, reason: $reason) { reconciliation { status } project { id } userErrors { code field message } } }": types.MutationsReconciliationStatusSetDocument,
    "mutation MutationsReconciliationItemAddOne($id: ID!) { reconciliationItemsAdd(reconciliationId: $id, items: [{ amount: \"1.00\" }]) { userErrors { code } } }": types.MutationsReconciliationItemAddOneDocument,
    "query MutationsNode($id: ID!) { node(id: $id) { id } }": types.MutationsNodeDocument,
    "mutation MutationsReconciliationItemsAdd($id: ID!, $items: [ReconciliationItemInput!]!) { reconciliationItemsAdd(reconciliationId: $id, items: $items) {\n      reconciliation { id itemsTotal } items { id amount description } userErrors { code field message } } }": types.MutationsReconciliationItemsAddDocument,
    "mutation MutationsReconciliationItemRemove($id: ID!) { reconciliationItemRemove(id: $id) { deletedId reconciliation { itemsTotal } userErrors { code field message } } }": types.MutationsReconciliationItemRemoveDocument,
    "mutation MutationsMatchingRuleCreate($input: MatchingRuleInput!) { matchingRuleCreate(input: $input) {\n      matchingRule { id name tolerance dateWindowDays matchReference priority enabled } project { rules { name } } userErrors { code field message } } }": types.MutationsMatchingRuleCreateDocument,
    "mutation MutationsMatchingRuleUpdate($id: ID!, $input: MatchingRuleInput!) { matchingRuleUpdate(id: $id, input: $input) {\n      matchingRule { name tolerance enabled } userErrors { code field message } } }": types.MutationsMatchingRuleUpdateDocument,
    "mutation MutationsMatchingRuleDelete($id: ID!) { matchingRuleDelete(id: $id) { deletedId project { rules { name } } userErrors { code field message } } }": types.MutationsMatchingRuleDeleteDocument,
    "mutation MutationsSettingsUpdate($s: JSON!) { settingsUpdate(settings: $s) { settings userErrors { code field message } } }": types.MutationsSettingsUpdateDocument,
    "query MutationsSettings { settings }": types.MutationsSettingsDocument,
    "\n  query Page($projectId: ID!, $first: Int, $after: String, $last: Int, $before: String, $order: ReconciliationOrder) {\n    reconciliations(first: $first, after: $after, last: $last, before: $before, orderBy: $order, filter: { projectId: $projectId }) {\n      totalCount\n      edges { cursor node { id reference } }\n      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n    }\n  }\n": types.PageDocument,
    "\n  query NestedPage($projectId: ID!, $first: Int, $after: String) {\n    node(id: $projectId) {\n      ... on Project {\n        reconciliations(first: $first, after: $after, orderBy: { field: AMOUNT, direction: ASC }) {\n          edges { node { reference } }\n          pageInfo { hasNextPage endCursor }\n        }\n      }\n    }\n  }\n": types.NestedPageDocument,
    "query PoolProjects { projects { totalCount } }": types.PoolProjectsDocument,
    "\n  mutation PoolProjectCreate($name: String!) {\n    projectCreate(input: { name: $name }) { project { id } userErrors { code message } }\n  }\n": types.PoolProjectCreateDocument,
    "mutation RateLimitIpv6SessionCreate($e: String!, $p: String!) { sessionCreate(input: { email: $e, password: $p }) { token userErrors { code } } }": types.RateLimitIpv6SessionCreateDocument,
    "mutation RateLimitSessionCreate($e: String!, $p: String!) { sessionCreate(input: { email: $e, password: $p }) { token userErrors { code } } }": types.RateLimitSessionCreateDocument,
    "query RateLimitTypename { __typename }": types.RateLimitTypenameDocument,
    "query RateLimitViewer { viewer { email } }": types.RateLimitViewerDocument,
    "\n  mutation SessionIdentitySignInThenWrite($email: String!, $password: String!) {\n    sessionCreate(input: { email: $email, password: $password }) { token viewer { email } userErrors { code } }\n    projectCreate(input: { name: \"Written by whom?\" }) { project { id } userErrors { code } }\n  }\n": types.SessionIdentitySignInThenWriteDocument,
    "\n  mutation SessionIdentitySignInThenSignOut($email: String!, $password: String!) {\n    sessionCreate(input: { email: $email, password: $password }) { token userErrors { code } }\n    sessionDelete { userErrors { code } }\n  }\n": types.SessionIdentitySignInThenSignOutDocument,
    "query SessionIdentityWho { viewer { email } }": types.SessionIdentityWhoDocument,
    "mutation StaleTokenSignIn($email: String!, $password: String!) { sessionCreate(input: { email: $email, password: $password }) { token viewer { email } userErrors { code } } }": types.StaleTokenSignInDocument,
    "mutation StaleTokenSessionDelete { sessionDelete { userErrors { code } } }": types.StaleTokenSessionDeleteDocument,
    "query StaleTokenViewer { viewer { email } }": types.StaleTokenViewerDocument,
    "query StaleTokenSchema { __schema { mutationType { name } } }": types.StaleTokenSchemaDocument,
    "query StaleTokenProjects { projects { totalCount } }": types.StaleTokenProjectsDocument,
    "\n  query Tree($p: Int!, $r: Int!, $i: Int!) {\n    projects(first: $p) {\n      edges {\n        node {\n          name\n          reconciliations(first: $r) {\n            edges {\n              node {\n                reference\n                items(first: $i) { edges { node { amount reconciliation { reference } } } }\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n": types.TreeDocument,
    "\n  query Counts($p: Int!, $r: Int!) {\n    projects(first: $p) {\n      totalCount\n      edges {\n        node {\n          statusCounts { status count }\n          reconciliations(first: $r) { totalCount edges { node { itemsTotal difference } } }\n        }\n      }\n    }\n    statusCounts { status count }\n  }\n": types.CountsDocument,
    "\n  query Dashboard($since: DateTime!) {\n    reconciliations(first: 100, filter: { status: [PENDING], createdAfter: $since }) {\n      edges { node { reference amount createdAt project { name } } }\n    }\n  }\n": types.DashboardDocument,
    "\n  query Nodes($ids: [ID!]!) {\n    nodes(ids: $ids) {\n      __typename\n      id\n      ... on Project { name }\n      ... on Reconciliation { reference }\n      ... on ReconciliationItem { amount }\n      ... on MatchingRule { name }\n    }\n  }\n": types.NodesDocument,
    "\n  query Organization($n: Int!) {\n    viewer {\n      organization {\n        projects(first: $n) { edges { node { rules { name } } } }\n      }\n    }\n  }\n": types.OrganizationDocument,
    "\n  query Audit($n: Int!) {\n    auditLogs(first: $n) { edges { node { action user { email } } } }\n  }\n": types.AuditDocument,
    "\n  query Everything {\n    viewer { email organization { name users { edges { node { email } } } projects { edges { node { name } } } } }\n    projects { totalCount edges { node { id name rules { id name } reconciliations { totalCount edges { node { id reference items { totalCount edges { node { id description } } } } } } } } }\n    reconciliations { totalCount edges { node { id reference project { name } } } }\n    statusCounts { status count }\n    auditLogs { totalCount edges { node { action user { email } } } }\n    settings\n  }\n": types.EverythingDocument,
    "\n  query NodeById($id: ID!) { node(id: $id) { __typename id } }\n": types.NodeByIdDocument,
    "\n  query NodesByIds($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }\n": types.NodesByIdsDocument,
    "\n  query ByProject($projectId: ID!) {\n    reconciliations(filter: { projectId: $projectId }) { totalCount }\n    statusCounts(projectId: $projectId) { count }\n  }\n": types.ByProjectDocument,
    "query TenancyProjects { projects { totalCount } }": types.TenancyProjectsDocument,
    "query TenancyAuditLogs { auditLogs { totalCount } }": types.TenancyAuditLogsDocument,
    "query TenancySettings { settings }": types.TenancySettingsDocument,
    "query TenancyTypename { __typename }": types.TenancyTypenameDocument,
    "mutation TenancySessionCreate { sessionCreate(input: { email: \"admin@alpha.test\", password: \"wrong\" }) { token userErrors { code field } } }": types.TenancySessionCreateDocument,
    "mutation TenancySessionDelete { sessionDelete { userErrors { code } } }": types.TenancySessionDeleteDocument,
    "query TenancyViewer { viewer { email } }": types.TenancyViewerDocument,
    "mutation TimeoutSignIn($email: String!, $password: String!) { sessionCreate(input: { email: $email, password: $password }) { token } }": types.TimeoutSignInDocument,
    "query TimeoutProjects { projects { totalCount } }": types.TimeoutProjectsDocument,
    "mutation TransportSignIn { sessionCreate(input: { email: \"transport@example.test\", password: \"test-password\" }) { token } }": types.TransportSignInDocument,
    "mutation TransportSessionDelete { sessionDelete { userErrors { code } } }": types.TransportSessionDeleteDocument,
    "query TransportTypename { __typename }": types.TransportTypenameDocument,
    "mutation TransportReconciliationItemsAdd($id: ID!, $items: [ReconciliationItemInput!]!) { reconciliationItemsAdd(reconciliationId: $id, items: $items) { userErrors { code } } }": types.TransportReconciliationItemsAddDocument,
    "query CoherenceReconciliations { reconciliations(first: 10, orderBy: { field: UPDATED_AT, direction: DESC }) { totalCount edges { node { reference amount status itemsTotal difference } } } }": types.CoherenceReconciliationsDocument,
    "query CoherenceProjects { projects { edges { node { name archived statusCounts { status count } rules { name tolerance enabled } reconciliations(first: 5) { totalCount edges { node { reference status } } } } } } }": types.CoherenceProjectsDocument,
    "query CoherenceStatusCounts { statusCounts { status count } }": types.CoherenceStatusCountsDocument,
    "query CoherenceReconciliationItems($id: ID!) { node(id: $id) { ... on Reconciliation { amount reference status items(first: 20) { totalCount edges { node { amount description } } } } } }": types.CoherenceReconciliationItemsDocument,
    "query CoherenceMatchedCount { reconciliations(filter: { status: [MATCHED, PARTIALLY_MATCHED] }) { totalCount } }": types.CoherenceMatchedCountDocument,
    "query CoherenceProjectPage($p: ID!) { reconciliations(first: 50, filter: { projectId: $p }) { edges { node { reference amount } } } statusCounts(projectId: $p) { status count } }": types.CoherenceProjectPageDocument,
    "query CoherenceUnarchivedCount { viewer { organization { projects(filter: { archived: false }) { totalCount } } } }": types.CoherenceUnarchivedCountDocument,
    "query CoherenceSettings { settings }": types.CoherenceSettingsDocument,
    "query CoherenceRule($id: ID!) { node(id: $id) { ... on MatchingRule { name tolerance dateWindowDays enabled } } }": types.CoherenceRuleDocument,
    "mutation CoherenceReconciliationCreate($input: ReconciliationInput!) { reconciliationCreate(input: $input) { reconciliation { id } userErrors { code } } }": types.CoherenceReconciliationCreateDocument,
    "mutation CoherenceReconciliationUpdate($id: ID!, $input: ReconciliationInput!) { reconciliationUpdate(id: $id, input: $input) { userErrors { code } } }": types.CoherenceReconciliationUpdateDocument,
    "mutation CoherenceReconciliationItemsAdd($id: ID!, $items: [ReconciliationItemInput!]!) { reconciliationItemsAdd(reconciliationId: $id, items: $items) { items { id } userErrors { code } } }": types.CoherenceReconciliationItemsAddDocument,
    "mutation CoherenceReconciliationItemRemove($id: ID!) { reconciliationItemRemove(id: $id) { userErrors { code } } }": types.CoherenceReconciliationItemRemoveDocument,
    "mutation CoherenceReconciliationStatusSet($id: ID!, $s: ReconciliationStatus!) { reconciliationStatusSet(id: $id, status: $s, reason: \"checked\") { userErrors { code } } }": types.CoherenceReconciliationStatusSetDocument,
    "mutation CoherenceReconciliationsMatch($id: ID!) { reconciliationsMatch(projectId: $id) { userErrors { code } } }": types.CoherenceReconciliationsMatchDocument,
    "mutation CoherenceReconciliationDelete($id: ID!) { reconciliationDelete(id: $id) { userErrors { code } } }": types.CoherenceReconciliationDeleteDocument,
    "mutation CoherenceProjectUpdate($id: ID!, $n: String!) { projectUpdate(id: $id, input: { name: $n }) { userErrors { code } } }": types.CoherenceProjectUpdateDocument,
    "mutation CoherenceProjectArchive($id: ID!) { projectArchive(id: $id) { userErrors { code } } }": types.CoherenceProjectArchiveDocument,
    "mutation CoherenceProjectUnarchive($id: ID!) { projectUnarchive(id: $id) { userErrors { code } } }": types.CoherenceProjectUnarchiveDocument,
    "mutation CoherenceMatchingRuleUpdate($id: ID!, $input: MatchingRuleInput!) { matchingRuleUpdate(id: $id, input: $input) { userErrors { code } } }": types.CoherenceMatchingRuleUpdateDocument,
    "mutation CoherenceMatchingRuleCreate($input: MatchingRuleInput!) { matchingRuleCreate(input: $input) { matchingRule { id } userErrors { code } } }": types.CoherenceMatchingRuleCreateDocument,
    "mutation CoherenceSettingsUpdate($s: JSON!) { settingsUpdate(settings: $s) { userErrors { code } } }": types.CoherenceSettingsUpdateDocument,
    "query CoherenceProjectNode($id: ID!) { node(id: $id) { ... on Project { name archived } } }": types.CoherenceProjectNodeDocument,
    "query CoherenceArchivedList($s: String!) { projects(first: 100, filter: { archived: true, search: $s }) { edges { node { id } } } }": types.CoherenceArchivedListDocument,
    "query CoherenceReconciliationNode($id: ID!) { node(id: $id) { ... on Reconciliation { reference amount status } } }": types.CoherenceReconciliationNodeDocument,
    "query CoherenceMatchedList($p: ID!) { reconciliations(first: 100, filter: { projectId: $p, status: [MATCHED] }) { edges { node { id } } } }": types.CoherenceMatchedListDocument,
    "query CoherenceRuleNode($id: ID!) { node(id: $id) { ... on MatchingRule { name enabled } } }": types.CoherenceRuleNodeDocument,
    "query CoherenceProjectRules($p: ID!) { node(id: $p) { ... on Project { rules { id enabled } } } }": types.CoherenceProjectRulesDocument,
    "mutation CoherenceProjectCreate($n: String!) { projectCreate(input: { name: $n }) { project { id name archived } userErrors { code } } }": types.CoherenceProjectCreateDocument,
    "mutation CoherenceScenarioProjectUpdate($id: ID!, $n: String!) { projectUpdate(id: $id, input: { name: $n }) { project { name archived } userErrors { code } } }": types.CoherenceScenarioProjectUpdateDocument,
    "mutation CoherenceScenarioSettingsUpdate($s: JSON!) { settingsUpdate(settings: $s) { settings userErrors { code } } }": types.CoherenceScenarioSettingsUpdateDocument,
    "mutation CoherenceScenarioReconciliationCreate($input: ReconciliationInput!) { reconciliationCreate(input: $input) { reconciliation { id reference amount status } userErrors { code } } }": types.CoherenceScenarioReconciliationCreateDocument,
    "mutation CoherenceScenarioReconciliationDelete($id: ID!) { reconciliationDelete(id: $id) { deletedId userErrors { code } } }": types.CoherenceScenarioReconciliationDeleteDocument,
    "mutation CoherenceScenarioReconciliationStatusSet($id: ID!, $s: ReconciliationStatus!) { reconciliationStatusSet(id: $id, status: $s, reason: \"checked\") { reconciliation { reference amount status } userErrors { code } } }": types.CoherenceScenarioReconciliationStatusSetDocument,
    "mutation CoherenceScenarioMatchingRuleCreate($input: MatchingRuleInput!) { matchingRuleCreate(input: $input) { matchingRule { id name enabled } userErrors { code } } }": types.CoherenceScenarioMatchingRuleCreateDocument,
    "mutation CoherenceMatchingRuleDelete($id: ID!) { matchingRuleDelete(id: $id) { deletedId userErrors { code } } }": types.CoherenceMatchingRuleDeleteDocument,
    "mutation CoherenceScenarioMatchingRuleUpdate($id: ID!, $input: MatchingRuleInput!) { matchingRuleUpdate(id: $id, input: $input) { matchingRule { name enabled } userErrors { code } } }": types.CoherenceScenarioMatchingRuleUpdateDocument,
    "query CoherenceViewerEmail { viewer { email } }": types.CoherenceViewerEmailDocument,
    "mutation CoherenceSessionDelete { sessionDelete { userErrors { code } } }": types.CoherenceSessionDeleteDocument,
    "query CoherenceRecentlyUpdated { reconciliations(first: 10, orderBy: { field: UPDATED_AT, direction: DESC }) { totalCount edges { node { reference amount status } } } }": types.CoherenceRecentlyUpdatedDocument,
    "query CoherenceFirstProjects { projects(first: 5) { totalCount edges { node { name archived } } } }": types.CoherenceFirstProjectsDocument,
    "query CoherenceViewerRole { viewer { email role } }": types.CoherenceViewerRoleDocument,
    "query EdgeList($first: Int) { reconciliations(first: $first) { totalCount edges { node { reference amount } } } }": types.EdgeListDocument,
    "query EdgeProjects { projects { edges { node { name } } } }": types.EdgeProjectsDocument,
    "mutation EdgeProjectUpdate($id: ID!, $name: String!) { projectUpdate(id: $id, input: { name: $name }) { project { name } userErrors { code } } }": types.EdgeProjectUpdateDocument,
    "query EdgeViewer { viewer { email } }": types.EdgeViewerDocument,
    "mutation EdgeSessionDelete { sessionDelete { userErrors { code } } }": types.EdgeSessionDeleteDocument,
    "query EdgeViewerRole { viewer { email role } }": types.EdgeViewerRoleDocument,
    "mutation EdgeSessionCreate { sessionCreate(input: { email: \"down@edge.test\", password: \"test-password\" }) { token } }": types.EdgeSessionCreateDocument,
    "query FrozenRedisProject($id: ID!) { node(id: $id) { ... on Project { name } } }": types.FrozenRedisProjectDocument,
    "mutation FrozenRedisProjectUpdate($id: ID!, $name: String!) { projectUpdate(id: $id, input: { name: $name }) { userErrors { code } } }": types.FrozenRedisProjectUpdateDocument,
    "query MatrixEntity($R: ID!) { node(id: $R) { ... on Reconciliation { reference amount status itemsTotal difference } } }": types.MatrixEntityDocument,
    "query MatrixParent($P: ID!) { node(id: $P) { ... on Project { name archived statusCounts { status count } reconciliations { totalCount edges { node { reference status } } } rules { name tolerance enabled } } } }": types.MatrixParentDocument,
    "query MatrixList($P: ID!) { reconciliations(filter: { projectId: $P }) { totalCount edges { node { id reference amount status } } } }": types.MatrixListDocument,
    "query MatrixCounts($P: ID!) { statusCounts(projectId: $P) { status count } }": types.MatrixCountsDocument,
    "query MatrixEmptyList($E: ID!) { reconciliations(filter: { projectId: $E }) { totalCount edges { node { reference } } } }": types.MatrixEmptyListDocument,
    "query MatrixItems($R: ID!) { node(id: $R) { ... on Reconciliation { items { totalCount edges { node { amount } } } } } }": types.MatrixItemsDocument,
    "query MatrixProjects { projects { totalCount edges { node { name archived } } } }": types.MatrixProjectsDocument,
    "query MatrixSettings { settings }": types.MatrixSettingsDocument,
    "query MatrixOrgCounts { statusCounts { status count } }": types.MatrixOrgCountsDocument,
    "query MatrixRule($K: ID!) { node(id: $K) { ... on MatchingRule { name tolerance enabled } } }": types.MatrixRuleDocument,
    "mutation MatrixProjectCreate { projectCreate(input: { name: \"Another\" }) { userErrors { code } } }": types.MatrixProjectCreateDocument,
    "mutation MatrixProjectUpdate($P: ID!) { projectUpdate(id: $P, input: { name: \"Renamed\" }) { userErrors { code } } }": types.MatrixProjectUpdateDocument,
    "mutation MatrixProjectArchive($P: ID!) { projectArchive(id: $P) { userErrors { code } } }": types.MatrixProjectArchiveDocument,
    "mutation MatrixProjectUnarchive($P: ID!) { projectUnarchive(id: $P) { userErrors { code } } }": types.MatrixProjectUnarchiveDocument,
    "mutation MatrixReconciliationCreateIntoEmpty($E: ID!) { reconciliationCreate(input: { projectId: $E, reference: \"NEW\", amount: \"5.00\", currency: \"EUR\" }) { userErrors { code } } }": types.MatrixReconciliationCreateIntoEmptyDocument,
    "mutation MatrixReconciliationCreate($P: ID!) { reconciliationCreate(input: { projectId: $P, reference: \"NEW\", amount: \"5.00\", currency: \"EUR\" }) { userErrors { code } } }": types.MatrixReconciliationCreateDocument,
    "mutation MatrixReconciliationUpdate($R: ID!) { reconciliationUpdate(id: $R, input: { amount: \"99.00\" }) { userErrors { code } } }": types.MatrixReconciliationUpdateDocument,
    "mutation MatrixReconciliationMove($R: ID!, $E: ID!) { reconciliationUpdate(id: $R, input: { projectId: $E }) { userErrors { code } } }": types.MatrixReconciliationMoveDocument,
    "mutation MatrixReconciliationDelete($R: ID!) { reconciliationDelete(id: $R) { userErrors { code } } }": types.MatrixReconciliationDeleteDocument,
    "mutation MatrixReconciliationItemsAdd($R: ID!) { reconciliationItemsAdd(reconciliationId: $R, items: [{ amount: \"1.00\" }]) { userErrors { code } } }": types.MatrixReconciliationItemsAddDocument,
    "mutation MatrixReconciliationItemRemove($I: ID!) { reconciliationItemRemove(id: $I) { userErrors { code } } }": types.MatrixReconciliationItemRemoveDocument,
    "mutation MatrixReconciliationStatusSet($R: ID!) { reconciliationStatusSet(id: $R, status: UNMATCHED, reason: \"by hand\") { userErrors { code } } }": types.MatrixReconciliationStatusSetDocument,
    "mutation MatrixReconciliationsMatch($P: ID!) { reconciliationsMatch(projectId: $P) { userErrors { code } } }": types.MatrixReconciliationsMatchDocument,
    "mutation MatrixMatchingRuleCreate($P: ID!) { matchingRuleCreate(input: { projectId: $P, name: \"Loose\", tolerance: \"2.00\" }) { userErrors { code } } }": types.MatrixMatchingRuleCreateDocument,
    "mutation MatrixMatchingRuleUpdate($K: ID!) { matchingRuleUpdate(id: $K, input: { tolerance: \"3.00\", enabled: false }) { userErrors { code } } }": types.MatrixMatchingRuleUpdateDocument,
    "mutation MatrixMatchingRuleDelete($K: ID!) { matchingRuleDelete(id: $K) { userErrors { code } } }": types.MatrixMatchingRuleDeleteDocument,
    "mutation MatrixSettingsUpdate { settingsUpdate(settings: { theme: \"dark\" }) { userErrors { code } } }": types.MatrixSettingsUpdateDocument,
    "mutation MatrixSessionDelete { sessionDelete { userErrors { code } } }": types.MatrixSessionDeleteDocument,
    "mutation BypassProjectArchive($id: ID!) { projectArchive(id: $id) { project { id archived } userErrors { code } } }": types.BypassProjectArchiveDocument,
    "mutation BypassProjectUnarchive($id: ID!) { projectUnarchive(id: $id) { project { id archived } userErrors { code } } }": types.BypassProjectUnarchiveDocument,
    "mutation BypassProjectUpdate($id: ID!, $name: String!) { projectUpdate(id: $id, input: { name: $name }) { project { name } userErrors { code } } }": types.BypassProjectUpdateDocument,
    "query BypassProject($id: ID!) { node(id: $id) { ... on Project { name archived } } }": types.BypassProjectDocument,
    "mutation BypassSettingsUpdate($s: JSON!) { settingsUpdate(settings: $s) { settings userErrors { code } } }": types.BypassSettingsUpdateDocument,
    "mutation BypassReconciliationStatusSet($id: ID!, $s: ReconciliationStatus!) { reconciliationStatusSet(id: $id, status: $s, reason: \"checked\") { reconciliation { status } userErrors { code } } }": types.BypassReconciliationStatusSetDocument,
    "query BypassReconciliation($id: ID!) { node(id: $id) { ... on Reconciliation { reference status } } }": types.BypassReconciliationDocument,
    "mutation BypassProjectCreate($name: String!) { projectCreate(input: { name: $name }) { project { id name } userErrors { code } } }": types.BypassProjectCreateDocument,
    "mutation BypassReconciliationCreate($input: ReconciliationInput!) { reconciliationCreate(input: $input) { reconciliation { id reference } userErrors { code } } }": types.BypassReconciliationCreateDocument,
    "mutation BypassReconciliationDelete($id: ID!) { reconciliationDelete(id: $id) { deletedId userErrors { code } } }": types.BypassReconciliationDeleteDocument,
    "mutation BypassSessionDelete { sessionDelete { userErrors { code } } }": types.BypassSessionDeleteDocument,
    "query BypassViewer { viewer { email } }": types.BypassViewerDocument,
    "query BypassList($first: Int) { reconciliations(first: $first) { totalCount edges { node { reference } } } }": types.BypassListDocument,
    "query BypassCount($first: Int) { reconciliations(first: $first) { totalCount } }": types.BypassCountDocument,
    "query BypassSettings { settings }": types.BypassSettingsDocument,
    "query OutageReconciliation($id: ID!) { node(id: $id) { ... on Reconciliation { amount itemsTotal items(first: 10) { totalCount } } } }": types.OutageReconciliationDocument,
    "mutation OutageReconciliationItemsAdd($id: ID!) { reconciliationItemsAdd(reconciliationId: $id, items: [{ amount: \"1.00\" }]) { userErrors { code } } }": types.OutageReconciliationItemsAddDocument,
    "query OutageProject($id: ID!) { node(id: $id) { ... on Project { name } } }": types.OutageProjectDocument,
    "mutation OutageProjectUpdate($id: ID!, $name: String!) { projectUpdate(id: $id, input: { name: $name }) { userErrors { code } } }": types.OutageProjectUpdateDocument,
    "mutation OutageSessionDelete { sessionDelete { userErrors { code } } }": types.OutageSessionDeleteDocument,
    "query ResponseCacheReconciliations { reconciliations(first: 5) { totalCount edges { node { reference amount } } } }": types.ResponseCacheReconciliationsDocument,
    "query ResponseCacheProjects { projects { edges { node { name } } } }": types.ResponseCacheProjectsDocument,
    "query ResponseCacheSettings { settings }": types.ResponseCacheSettingsDocument,
    "query ResponseCacheAuditLogs { auditLogs { totalCount } }": types.ResponseCacheAuditLogsDocument,
    "query ResponseCacheViewer { viewer { email role } }": types.ResponseCacheViewerDocument,
    "query ResponseCacheViewerEmail { viewer { email } }": types.ResponseCacheViewerEmailDocument,
    "query ResponseCacheViewerId { viewer { id } }": types.ResponseCacheViewerIdDocument,
    "query ResponseCacheViewerName { viewer { name } }": types.ResponseCacheViewerNameDocument,
    "mutation ResponseCacheSessionDelete { sessionDelete { userErrors { code } } }": types.ResponseCacheSessionDeleteDocument,
    "query ResponseCacheViewerRole { viewer { role } }": types.ResponseCacheViewerRoleDocument,
    "query ResponseCacheTypename { __typename }": types.ResponseCacheTypenameDocument,
    "query ResponseCacheTtl { reconciliations(first: 1) { totalCount } statusCounts { count } }": types.ResponseCacheTtlDocument,
    "query ResponseCacheSettingsAndViewer { settings viewer { email } }": types.ResponseCacheSettingsAndViewerDocument,
    "mutation ResponseCacheSettingsUpdate { settingsUpdate(settings: { v: 2 }) { userErrors { code } } }": types.ResponseCacheSettingsUpdateDocument,
    "query ResponseCacheSettingsAndProjects { settings projects { totalCount } }": types.ResponseCacheSettingsAndProjectsDocument,
    "mutation ResponseCacheMatchingRuleCreate($id: ID!) { matchingRuleCreate(input: { projectId: $id, name: \"New rule\" }) { userErrors { code } } }": types.ResponseCacheMatchingRuleCreateDocument,
    "mutation ResponseCacheProjectUpdate($id: ID!) { projectUpdate(id: $id, input: { name: \"Renamed\" }) { userErrors { code } } }": types.ResponseCacheProjectUpdateDocument,
    "mutation ResponseCacheReconciliationsMatch($id: ID!) { reconciliationsMatch(projectId: $id) { userErrors { code } } }": types.ResponseCacheReconciliationsMatchDocument,
    "\n  mutation TestAppSignIn($email: String!, $password: String!) {\n    sessionCreate(input: { email: $email, password: $password }) { token userErrors { code message } }\n  }\n": types.TestAppSignInDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ArchivedProjectArchive($id: ID!) { projectArchive(id: $id) { userErrors { code } } }"): (typeof documents)["mutation ArchivedProjectArchive($id: ID!) { projectArchive(id: $id) { userErrors { code } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ArchivedProjectUpdate($id: ID!) { projectUpdate(id: $id, input: { name: \"New\" }) { project { id } userErrors { code field } } }"): (typeof documents)["mutation ArchivedProjectUpdate($id: ID!) { projectUpdate(id: $id, input: { name: \"New\" }) { project { id } userErrors { code field } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ArchivedReconciliationCreate($p: ID!) { reconciliationCreate(input: { projectId: $p, reference: \"A-2\", amount: \"1.00\", currency: \"EUR\" }) { reconciliation { id } project { id } userErrors { code field } } }"): (typeof documents)["mutation ArchivedReconciliationCreate($p: ID!) { reconciliationCreate(input: { projectId: $p, reference: \"A-2\", amount: \"1.00\", currency: \"EUR\" }) { reconciliation { id } project { id } userErrors { code field } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ArchivedReconciliationUpdate($id: ID!) { reconciliationUpdate(id: $id, input: { amount: \"11.00\" }) { reconciliation { id } project { id } userErrors { code field } } }"): (typeof documents)["mutation ArchivedReconciliationUpdate($id: ID!) { reconciliationUpdate(id: $id, input: { amount: \"11.00\" }) { reconciliation { id } project { id } userErrors { code field } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ArchivedReconciliationUpdate2($id: ID!, $p: ID!) { reconciliationUpdate(id: $id, input: { projectId: $p }) { reconciliation { id } project { id } userErrors { code field } } }"): (typeof documents)["mutation ArchivedReconciliationUpdate2($id: ID!, $p: ID!) { reconciliationUpdate(id: $id, input: { projectId: $p }) { reconciliation { id } project { id } userErrors { code field } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ArchivedReconciliationDelete($id: ID!) { reconciliationDelete(id: $id) { deletedId project { id } userErrors { code field } } }"): (typeof documents)["mutation ArchivedReconciliationDelete($id: ID!) { reconciliationDelete(id: $id) { deletedId project { id } userErrors { code field } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ArchivedReconciliationStatusSet($id: ID!) { reconciliationStatusSet(id: $id, status: MATCHED, reason: \"checked\") { reconciliation { id } project { id } userErrors { code field } } }"): (typeof documents)["mutation ArchivedReconciliationStatusSet($id: ID!) { reconciliationStatusSet(id: $id, status: MATCHED, reason: \"checked\") { reconciliation { id } project { id } userErrors { code field } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ArchivedReconciliationItemsAdd($id: ID!) { reconciliationItemsAdd(reconciliationId: $id, items: [{ amount: \"1.00\" }]) { reconciliation { id } items { id } userErrors { code field } } }"): (typeof documents)["mutation ArchivedReconciliationItemsAdd($id: ID!) { reconciliationItemsAdd(reconciliationId: $id, items: [{ amount: \"1.00\" }]) { reconciliation { id } items { id } userErrors { code field } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ArchivedReconciliationItemRemove($id: ID!) { reconciliationItemRemove(id: $id) { deletedId reconciliation { id } userErrors { code field } } }"): (typeof documents)["mutation ArchivedReconciliationItemRemove($id: ID!) { reconciliationItemRemove(id: $id) { deletedId reconciliation { id } userErrors { code field } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ArchivedReconciliationsMatch($p: ID!) { reconciliationsMatch(projectId: $p) { project { id } statusCounts { count } changedCount userErrors { code field } } }"): (typeof documents)["mutation ArchivedReconciliationsMatch($p: ID!) { reconciliationsMatch(projectId: $p) { project { id } statusCounts { count } changedCount userErrors { code field } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ArchivedMatchingRuleCreate($p: ID!) { matchingRuleCreate(input: { projectId: $p, name: \"Loose\", tolerance: \"1.00\" }) { matchingRule { id } project { id } userErrors { code field } } }"): (typeof documents)["mutation ArchivedMatchingRuleCreate($p: ID!) { matchingRuleCreate(input: { projectId: $p, name: \"Loose\", tolerance: \"1.00\" }) { matchingRule { id } project { id } userErrors { code field } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ArchivedMatchingRuleUpdate($id: ID!) { matchingRuleUpdate(id: $id, input: { enabled: false }) { matchingRule { id } project { id } userErrors { code field } } }"): (typeof documents)["mutation ArchivedMatchingRuleUpdate($id: ID!) { matchingRuleUpdate(id: $id, input: { enabled: false }) { matchingRule { id } project { id } userErrors { code field } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ArchivedMatchingRuleDelete($id: ID!) { matchingRuleDelete(id: $id) { deletedId project { id } userErrors { code field } } }"): (typeof documents)["mutation ArchivedMatchingRuleDelete($id: ID!) { matchingRuleDelete(id: $id) { deletedId project { id } userErrors { code field } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ArchivedProjectArchive2($id: ID!) { projectArchive(id: $id) { project { archived } userErrors { code } } }"): (typeof documents)["mutation ArchivedProjectArchive2($id: ID!) { projectArchive(id: $id) { project { archived } userErrors { code } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ArchivedProjectUnarchive($id: ID!) { projectUnarchive(id: $id) { project { archived } userErrors { code } } }"): (typeof documents)["mutation ArchivedProjectUnarchive($id: ID!) { projectUnarchive(id: $id) { project { archived } userErrors { code } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ArchivedReconciliationStatusSet2($id: ID!) { reconciliationStatusSet(id: $id, status: MATCHED, reason: \"checked\") { reconciliation { status } userErrors { code } } }"): (typeof documents)["mutation ArchivedReconciliationStatusSet2($id: ID!) { reconciliationStatusSet(id: $id, status: MATCHED, reason: \"checked\") { reconciliation { status } userErrors { code } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Totals($id: ID!) {\n    node(id: $id) { ... on Reconciliation { amount itemsTotal difference items(first: 1) { totalCount edges { node { amount } } } } }\n  }\n"): (typeof documents)["\n  query Totals($id: ID!) {\n    node(id: $id) { ... on Reconciliation { amount itemsTotal difference items(first: 1) { totalCount edges { node { amount } } } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Filtered($filter: ReconciliationFilter) {\n    reconciliations(first: 100, filter: $filter, orderBy: { field: AMOUNT, direction: ASC }) {\n      totalCount\n      edges { node { reference amount } }\n    }\n  }\n"): (typeof documents)["\n  query Filtered($filter: ReconciliationFilter) {\n    reconciliations(first: 100, filter: $filter, orderBy: { field: AMOUNT, direction: ASC }) {\n      totalCount\n      edges { node { reference amount } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation FailFastSignInRefused { sessionCreate(input: { email: \"a@example.test\", password: \"x\" }) { token } }"): (typeof documents)["mutation FailFastSignInRefused { sessionCreate(input: { email: \"a@example.test\", password: \"x\" }) { token } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query FailFastProjects { projects { totalCount } }"): (typeof documents)["query FailFastProjects { projects { totalCount } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation FailFastProjectCreate { projectCreate(input: { name: \"during the freeze\" }) { project { id } userErrors { code } } }"): (typeof documents)["mutation FailFastProjectCreate { projectCreate(input: { name: \"during the freeze\" }) { project { id } userErrors { code } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query FailFastTypename { __typename }"): (typeof documents)["query FailFastTypename { __typename }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation FailFastSignIn { sessionCreate(input: { email: \"frozen@example.test\", password: \"test-password\" }) { token } }"): (typeof documents)["mutation FailFastSignIn { sessionCreate(input: { email: \"frozen@example.test\", password: \"test-password\" }) { token } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query FederationEntities($r: [_Any!]!) { _entities(representations: $r) {\n  __typename ... on Project { name } ... on Reconciliation { reference amount } } }"): (typeof documents)["query FederationEntities($r: [_Any!]!) { _entities(representations: $r) {\n  __typename ... on Project { name } ... on Reconciliation { reference amount } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query FederationService { _service { sdl } }"): (typeof documents)["query FederationService { _service { sdl } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query HttpProjects { projects { totalCount } }"): (typeof documents)["query HttpProjects { projects { totalCount } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation HttpSessionDelete { sessionDelete { userErrors { code } } }"): (typeof documents)["mutation HttpSessionDelete { sessionDelete { userErrors { code } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query HttpEntitiesOverCost($r: [_Any!]!) { _entities(representations: $r) { ... on Project { reconciliations(first: 100) { edges { node { reference } } } } } }"): (typeof documents)["query HttpEntitiesOverCost($r: [_Any!]!) { _entities(representations: $r) { ... on Project { reconciliations(first: 100) { edges { node { reference } } } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query HttpEntitiesNone($r: [_Any!]!) { _entities(representations: $r) { ... on Project { reconciliations(first: 100) { edges { node { reference } } } } } }"): (typeof documents)["query HttpEntitiesNone($r: [_Any!]!) { _entities(representations: $r) { ... on Project { reconciliations(first: 100) { edges { node { reference } } } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query HttpPaged($n: Int!) { projects(first: $n) { edges { node { reconciliations(first: $n) { edges { node { items(first: $n) { edges { node { amount } } } } } } } } } }"): (typeof documents)["query HttpPaged($n: Int!) { projects(first: $n) { edges { node { reconciliations(first: $n) { edges { node { items(first: $n) { edges { node { amount } } } } } } } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query HttpOversizedPage { projects(first: 60000) { totalCount } }"): (typeof documents)["query HttpOversizedPage { projects(first: 60000) { totalCount } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query HttpWithinLimits { projects(first: 100) { edges { node { name reconciliations(first: 100) { edges { node { reference amount } } } } } } }"): (typeof documents)["query HttpWithinLimits { projects(first: 100) { edges { node { name reconciliations(first: 100) { edges { node { reference amount } } } } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query HttpMasked { projects { edges { node { name } } } }"): (typeof documents)["query HttpMasked { projects { edges { node { name } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query IdCapsNodes($ids: [ID!]!) { nodes(ids: $ids) { id ... on Reconciliation { reference } } }"): (typeof documents)["query IdCapsNodes($ids: [ID!]!) { nodes(ids: $ids) { id ... on Reconciliation { reference } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query IdCapsEntities($r: [_Any!]!) { _entities(representations: $r) { ... on Reconciliation { reference } } }"): (typeof documents)["query IdCapsEntities($r: [_Any!]!) { _entities(representations: $r) { ... on Reconciliation { reference } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ItemsReconciliationItemsAdd($id: ID!, $items: [ReconciliationItemInput!]!) { reconciliationItemsAdd(reconciliationId: $id, items: $items) {\n  reconciliation { itemsTotal difference items(first: 1) { totalCount } } userErrors { code field message } } }"): (typeof documents)["mutation ItemsReconciliationItemsAdd($id: ID!, $items: [ReconciliationItemInput!]!) { reconciliationItemsAdd(reconciliationId: $id, items: $items) {\n  reconciliation { itemsTotal difference items(first: 1) { totalCount } } userErrors { code field message } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ItemsReconciliationsMatch($id: ID!) { reconciliationsMatch(projectId: $id) { userErrors { code } } }"): (typeof documents)["mutation ItemsReconciliationsMatch($id: ID!) { reconciliationsMatch(projectId: $id) { userErrors { code } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ItemsNode($id: ID!) { node(id: $id) { ... on Reconciliation { status itemsTotal items(first: 1) { totalCount } } } }"): (typeof documents)["query ItemsNode($id: ID!) { node(id: $id) { ... on Reconciliation { status itemsTotal items(first: 1) { totalCount } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation LockTimeoutSignIn($email: String!, $password: String!) { sessionCreate(input: { email: $email, password: $password }) { token } }"): (typeof documents)["mutation LockTimeoutSignIn($email: String!, $password: String!) { sessionCreate(input: { email: $email, password: $password }) { token } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation LockTimeoutProjectUpdate($id: ID!) { projectUpdate(id: $id, input: { name: \"After\" }) {\n      project { name } userErrors { code message field } } }"): (typeof documents)["mutation LockTimeoutProjectUpdate($id: ID!) { projectUpdate(id: $id, input: { name: \"After\" }) {\n      project { name } userErrors { code message field } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query LockTimeoutProjects { projects { totalCount } }"): (typeof documents)["query LockTimeoutProjects { projects { totalCount } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation LockTimeoutProjectUpdateTimedOut($id: ID!) { projectUpdate(id: $id, input: { name: \"Timed out\" }) { project { name } userErrors { code } } }"): (typeof documents)["mutation LockTimeoutProjectUpdateTimedOut($id: ID!) { projectUpdate(id: $id, input: { name: \"Timed out\" }) { project { name } userErrors { code } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation MatchingReconciliationsMatch($id: ID!) { reconciliationsMatch(projectId: $id) {\n  project { id } statusCounts { status count } changedCount userErrors { code field } } }"): (typeof documents)["mutation MatchingReconciliationsMatch($id: ID!) { reconciliationsMatch(projectId: $id) {\n  project { id } statusCounts { status count } changedCount userErrors { code field } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query MatchingNode($id: ID!) { node(id: $id) { ... on Reconciliation { status } } }"): (typeof documents)["query MatchingNode($id: ID!) { node(id: $id) { ... on Reconciliation { status } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query MetricsProjects { projects { totalCount } }"): (typeof documents)["query MetricsProjects { projects { totalCount } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation MutationsProjectCreate($input: ProjectInput!) { projectCreate(input: $input) { project { id name archived } userErrors { code field message } } }"): (typeof documents)["mutation MutationsProjectCreate($input: ProjectInput!) { projectCreate(input: $input) { project { id name archived } userErrors { code field message } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation MutationsProjectUpdate($id: ID!, $input: ProjectInput!) { projectUpdate(id: $id, input: $input) { project { id name } userErrors { code field message } } }"): (typeof documents)["mutation MutationsProjectUpdate($id: ID!, $input: ProjectInput!) { projectUpdate(id: $id, input: $input) { project { id name } userErrors { code field message } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation MutationsProjectArchive($id: ID!) { projectArchive(id: $id) { project { archived } userErrors { code field message } } }"): (typeof documents)["mutation MutationsProjectArchive($id: ID!) { projectArchive(id: $id) { project { archived } userErrors { code field message } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation MutationsProjectUnarchive($id: ID!) { projectUnarchive(id: $id) { project { archived } userErrors { code field message } } }"): (typeof documents)["mutation MutationsProjectUnarchive($id: ID!) { projectUnarchive(id: $id) { project { archived } userErrors { code field message } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query MutationsAuditLogs { auditLogs(first: 1, filter: { action: \"project.update\" }) { edges { node { action entityId details user { email } } } } }"): (typeof documents)["query MutationsAuditLogs { auditLogs(first: 1, filter: { action: \"project.update\" }) { edges { node { action entityId details user { email } } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation MutationsReconciliationCreate($input: ReconciliationInput!) { reconciliationCreate(input: $input) {\n      reconciliation { id reference amount currency status metadata project { id } } project { id statusCounts { status count } }\n      userErrors { code field message } } }"): (typeof documents)["mutation MutationsReconciliationCreate($input: ReconciliationInput!) { reconciliationCreate(input: $input) {\n      reconciliation { id reference amount currency status metadata project { id } } project { id statusCounts { status count } }\n      userErrors { code field message } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation MutationsReconciliationUpdate($id: ID!, $input: ReconciliationInput!) { reconciliationUpdate(id: $id, input: $input) {\n      reconciliation { reference amount currency metadata status } project { id } userErrors { code field message } } }"): (typeof documents)["mutation MutationsReconciliationUpdate($id: ID!, $input: ReconciliationInput!) { reconciliationUpdate(id: $id, input: $input) {\n      reconciliation { reference amount currency metadata status } project { id } userErrors { code field message } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation MutationsReconciliationDelete($id: ID!) { reconciliationDelete(id: $id) { deletedId project { id } userErrors { code field message } } }"): (typeof documents)["mutation MutationsReconciliationDelete($id: ID!) { reconciliationDelete(id: $id) { deletedId project { id } userErrors { code field message } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation MutationsReconciliationStatusSet($id: ID!, $status: ReconciliationStatus!, $reason: String!) {\n      reconciliationStatusSet(id: $id, status: $status, reason: $reason) { reconciliation { status } project { id } userErrors { code field message } } }"): (typeof documents)["mutation MutationsReconciliationStatusSet($id: ID!, $status: ReconciliationStatus!, $reason: String!) {\n      reconciliationStatusSet(id: $id, status: $status, reason: $reason) { reconciliation { status } project { id } userErrors { code field message } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation MutationsReconciliationItemAddOne($id: ID!) { reconciliationItemsAdd(reconciliationId: $id, items: [{ amount: \"1.00\" }]) { userErrors { code } } }"): (typeof documents)["mutation MutationsReconciliationItemAddOne($id: ID!) { reconciliationItemsAdd(reconciliationId: $id, items: [{ amount: \"1.00\" }]) { userErrors { code } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query MutationsNode($id: ID!) { node(id: $id) { id } }"): (typeof documents)["query MutationsNode($id: ID!) { node(id: $id) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation MutationsReconciliationItemsAdd($id: ID!, $items: [ReconciliationItemInput!]!) { reconciliationItemsAdd(reconciliationId: $id, items: $items) {\n      reconciliation { id itemsTotal } items { id amount description } userErrors { code field message } } }"): (typeof documents)["mutation MutationsReconciliationItemsAdd($id: ID!, $items: [ReconciliationItemInput!]!) { reconciliationItemsAdd(reconciliationId: $id, items: $items) {\n      reconciliation { id itemsTotal } items { id amount description } userErrors { code field message } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation MutationsReconciliationItemRemove($id: ID!) { reconciliationItemRemove(id: $id) { deletedId reconciliation { itemsTotal } userErrors { code field message } } }"): (typeof documents)["mutation MutationsReconciliationItemRemove($id: ID!) { reconciliationItemRemove(id: $id) { deletedId reconciliation { itemsTotal } userErrors { code field message } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation MutationsMatchingRuleCreate($input: MatchingRuleInput!) { matchingRuleCreate(input: $input) {\n      matchingRule { id name tolerance dateWindowDays matchReference priority enabled } project { rules { name } } userErrors { code field message } } }"): (typeof documents)["mutation MutationsMatchingRuleCreate($input: MatchingRuleInput!) { matchingRuleCreate(input: $input) {\n      matchingRule { id name tolerance dateWindowDays matchReference priority enabled } project { rules { name } } userErrors { code field message } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation MutationsMatchingRuleUpdate($id: ID!, $input: MatchingRuleInput!) { matchingRuleUpdate(id: $id, input: $input) {\n      matchingRule { name tolerance enabled } userErrors { code field message } } }"): (typeof documents)["mutation MutationsMatchingRuleUpdate($id: ID!, $input: MatchingRuleInput!) { matchingRuleUpdate(id: $id, input: $input) {\n      matchingRule { name tolerance enabled } userErrors { code field message } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation MutationsMatchingRuleDelete($id: ID!) { matchingRuleDelete(id: $id) { deletedId project { rules { name } } userErrors { code field message } } }"): (typeof documents)["mutation MutationsMatchingRuleDelete($id: ID!) { matchingRuleDelete(id: $id) { deletedId project { rules { name } } userErrors { code field message } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation MutationsSettingsUpdate($s: JSON!) { settingsUpdate(settings: $s) { settings userErrors { code field message } } }"): (typeof documents)["mutation MutationsSettingsUpdate($s: JSON!) { settingsUpdate(settings: $s) { settings userErrors { code field message } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query MutationsSettings { settings }"): (typeof documents)["query MutationsSettings { settings }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Page($projectId: ID!, $first: Int, $after: String, $last: Int, $before: String, $order: ReconciliationOrder) {\n    reconciliations(first: $first, after: $after, last: $last, before: $before, orderBy: $order, filter: { projectId: $projectId }) {\n      totalCount\n      edges { cursor node { id reference } }\n      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n    }\n  }\n"): (typeof documents)["\n  query Page($projectId: ID!, $first: Int, $after: String, $last: Int, $before: String, $order: ReconciliationOrder) {\n    reconciliations(first: $first, after: $after, last: $last, before: $before, orderBy: $order, filter: { projectId: $projectId }) {\n      totalCount\n      edges { cursor node { id reference } }\n      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query NestedPage($projectId: ID!, $first: Int, $after: String) {\n    node(id: $projectId) {\n      ... on Project {\n        reconciliations(first: $first, after: $after, orderBy: { field: AMOUNT, direction: ASC }) {\n          edges { node { reference } }\n          pageInfo { hasNextPage endCursor }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query NestedPage($projectId: ID!, $first: Int, $after: String) {\n    node(id: $projectId) {\n      ... on Project {\n        reconciliations(first: $first, after: $after, orderBy: { field: AMOUNT, direction: ASC }) {\n          edges { node { reference } }\n          pageInfo { hasNextPage endCursor }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query PoolProjects { projects { totalCount } }"): (typeof documents)["query PoolProjects { projects { totalCount } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PoolProjectCreate($name: String!) {\n    projectCreate(input: { name: $name }) { project { id } userErrors { code message } }\n  }\n"): (typeof documents)["\n  mutation PoolProjectCreate($name: String!) {\n    projectCreate(input: { name: $name }) { project { id } userErrors { code message } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation RateLimitIpv6SessionCreate($e: String!, $p: String!) { sessionCreate(input: { email: $e, password: $p }) { token userErrors { code } } }"): (typeof documents)["mutation RateLimitIpv6SessionCreate($e: String!, $p: String!) { sessionCreate(input: { email: $e, password: $p }) { token userErrors { code } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation RateLimitSessionCreate($e: String!, $p: String!) { sessionCreate(input: { email: $e, password: $p }) { token userErrors { code } } }"): (typeof documents)["mutation RateLimitSessionCreate($e: String!, $p: String!) { sessionCreate(input: { email: $e, password: $p }) { token userErrors { code } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query RateLimitTypename { __typename }"): (typeof documents)["query RateLimitTypename { __typename }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query RateLimitViewer { viewer { email } }"): (typeof documents)["query RateLimitViewer { viewer { email } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SessionIdentitySignInThenWrite($email: String!, $password: String!) {\n    sessionCreate(input: { email: $email, password: $password }) { token viewer { email } userErrors { code } }\n    projectCreate(input: { name: \"Written by whom?\" }) { project { id } userErrors { code } }\n  }\n"): (typeof documents)["\n  mutation SessionIdentitySignInThenWrite($email: String!, $password: String!) {\n    sessionCreate(input: { email: $email, password: $password }) { token viewer { email } userErrors { code } }\n    projectCreate(input: { name: \"Written by whom?\" }) { project { id } userErrors { code } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SessionIdentitySignInThenSignOut($email: String!, $password: String!) {\n    sessionCreate(input: { email: $email, password: $password }) { token userErrors { code } }\n    sessionDelete { userErrors { code } }\n  }\n"): (typeof documents)["\n  mutation SessionIdentitySignInThenSignOut($email: String!, $password: String!) {\n    sessionCreate(input: { email: $email, password: $password }) { token userErrors { code } }\n    sessionDelete { userErrors { code } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query SessionIdentityWho { viewer { email } }"): (typeof documents)["query SessionIdentityWho { viewer { email } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation StaleTokenSignIn($email: String!, $password: String!) { sessionCreate(input: { email: $email, password: $password }) { token viewer { email } userErrors { code } } }"): (typeof documents)["mutation StaleTokenSignIn($email: String!, $password: String!) { sessionCreate(input: { email: $email, password: $password }) { token viewer { email } userErrors { code } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation StaleTokenSessionDelete { sessionDelete { userErrors { code } } }"): (typeof documents)["mutation StaleTokenSessionDelete { sessionDelete { userErrors { code } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query StaleTokenViewer { viewer { email } }"): (typeof documents)["query StaleTokenViewer { viewer { email } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query StaleTokenSchema { __schema { mutationType { name } } }"): (typeof documents)["query StaleTokenSchema { __schema { mutationType { name } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query StaleTokenProjects { projects { totalCount } }"): (typeof documents)["query StaleTokenProjects { projects { totalCount } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Tree($p: Int!, $r: Int!, $i: Int!) {\n    projects(first: $p) {\n      edges {\n        node {\n          name\n          reconciliations(first: $r) {\n            edges {\n              node {\n                reference\n                items(first: $i) { edges { node { amount reconciliation { reference } } } }\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Tree($p: Int!, $r: Int!, $i: Int!) {\n    projects(first: $p) {\n      edges {\n        node {\n          name\n          reconciliations(first: $r) {\n            edges {\n              node {\n                reference\n                items(first: $i) { edges { node { amount reconciliation { reference } } } }\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Counts($p: Int!, $r: Int!) {\n    projects(first: $p) {\n      totalCount\n      edges {\n        node {\n          statusCounts { status count }\n          reconciliations(first: $r) { totalCount edges { node { itemsTotal difference } } }\n        }\n      }\n    }\n    statusCounts { status count }\n  }\n"): (typeof documents)["\n  query Counts($p: Int!, $r: Int!) {\n    projects(first: $p) {\n      totalCount\n      edges {\n        node {\n          statusCounts { status count }\n          reconciliations(first: $r) { totalCount edges { node { itemsTotal difference } } }\n        }\n      }\n    }\n    statusCounts { status count }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Dashboard($since: DateTime!) {\n    reconciliations(first: 100, filter: { status: [PENDING], createdAfter: $since }) {\n      edges { node { reference amount createdAt project { name } } }\n    }\n  }\n"): (typeof documents)["\n  query Dashboard($since: DateTime!) {\n    reconciliations(first: 100, filter: { status: [PENDING], createdAfter: $since }) {\n      edges { node { reference amount createdAt project { name } } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Nodes($ids: [ID!]!) {\n    nodes(ids: $ids) {\n      __typename\n      id\n      ... on Project { name }\n      ... on Reconciliation { reference }\n      ... on ReconciliationItem { amount }\n      ... on MatchingRule { name }\n    }\n  }\n"): (typeof documents)["\n  query Nodes($ids: [ID!]!) {\n    nodes(ids: $ids) {\n      __typename\n      id\n      ... on Project { name }\n      ... on Reconciliation { reference }\n      ... on ReconciliationItem { amount }\n      ... on MatchingRule { name }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Organization($n: Int!) {\n    viewer {\n      organization {\n        projects(first: $n) { edges { node { rules { name } } } }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Organization($n: Int!) {\n    viewer {\n      organization {\n        projects(first: $n) { edges { node { rules { name } } } }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Audit($n: Int!) {\n    auditLogs(first: $n) { edges { node { action user { email } } } }\n  }\n"): (typeof documents)["\n  query Audit($n: Int!) {\n    auditLogs(first: $n) { edges { node { action user { email } } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Everything {\n    viewer { email organization { name users { edges { node { email } } } projects { edges { node { name } } } } }\n    projects { totalCount edges { node { id name rules { id name } reconciliations { totalCount edges { node { id reference items { totalCount edges { node { id description } } } } } } } } }\n    reconciliations { totalCount edges { node { id reference project { name } } } }\n    statusCounts { status count }\n    auditLogs { totalCount edges { node { action user { email } } } }\n    settings\n  }\n"): (typeof documents)["\n  query Everything {\n    viewer { email organization { name users { edges { node { email } } } projects { edges { node { name } } } } }\n    projects { totalCount edges { node { id name rules { id name } reconciliations { totalCount edges { node { id reference items { totalCount edges { node { id description } } } } } } } } }\n    reconciliations { totalCount edges { node { id reference project { name } } } }\n    statusCounts { status count }\n    auditLogs { totalCount edges { node { action user { email } } } }\n    settings\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query NodeById($id: ID!) { node(id: $id) { __typename id } }\n"): (typeof documents)["\n  query NodeById($id: ID!) { node(id: $id) { __typename id } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query NodesByIds($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }\n"): (typeof documents)["\n  query NodesByIds($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ByProject($projectId: ID!) {\n    reconciliations(filter: { projectId: $projectId }) { totalCount }\n    statusCounts(projectId: $projectId) { count }\n  }\n"): (typeof documents)["\n  query ByProject($projectId: ID!) {\n    reconciliations(filter: { projectId: $projectId }) { totalCount }\n    statusCounts(projectId: $projectId) { count }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query TenancyProjects { projects { totalCount } }"): (typeof documents)["query TenancyProjects { projects { totalCount } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query TenancyAuditLogs { auditLogs { totalCount } }"): (typeof documents)["query TenancyAuditLogs { auditLogs { totalCount } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query TenancySettings { settings }"): (typeof documents)["query TenancySettings { settings }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query TenancyTypename { __typename }"): (typeof documents)["query TenancyTypename { __typename }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation TenancySessionCreate { sessionCreate(input: { email: \"admin@alpha.test\", password: \"wrong\" }) { token userErrors { code field } } }"): (typeof documents)["mutation TenancySessionCreate { sessionCreate(input: { email: \"admin@alpha.test\", password: \"wrong\" }) { token userErrors { code field } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation TenancySessionDelete { sessionDelete { userErrors { code } } }"): (typeof documents)["mutation TenancySessionDelete { sessionDelete { userErrors { code } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query TenancyViewer { viewer { email } }"): (typeof documents)["query TenancyViewer { viewer { email } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation TimeoutSignIn($email: String!, $password: String!) { sessionCreate(input: { email: $email, password: $password }) { token } }"): (typeof documents)["mutation TimeoutSignIn($email: String!, $password: String!) { sessionCreate(input: { email: $email, password: $password }) { token } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query TimeoutProjects { projects { totalCount } }"): (typeof documents)["query TimeoutProjects { projects { totalCount } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation TransportSignIn { sessionCreate(input: { email: \"transport@example.test\", password: \"test-password\" }) { token } }"): (typeof documents)["mutation TransportSignIn { sessionCreate(input: { email: \"transport@example.test\", password: \"test-password\" }) { token } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation TransportSessionDelete { sessionDelete { userErrors { code } } }"): (typeof documents)["mutation TransportSessionDelete { sessionDelete { userErrors { code } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query TransportTypename { __typename }"): (typeof documents)["query TransportTypename { __typename }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation TransportReconciliationItemsAdd($id: ID!, $items: [ReconciliationItemInput!]!) { reconciliationItemsAdd(reconciliationId: $id, items: $items) { userErrors { code } } }"): (typeof documents)["mutation TransportReconciliationItemsAdd($id: ID!, $items: [ReconciliationItemInput!]!) { reconciliationItemsAdd(reconciliationId: $id, items: $items) { userErrors { code } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query CoherenceReconciliations { reconciliations(first: 10, orderBy: { field: UPDATED_AT, direction: DESC }) { totalCount edges { node { reference amount status itemsTotal difference } } } }"): (typeof documents)["query CoherenceReconciliations { reconciliations(first: 10, orderBy: { field: UPDATED_AT, direction: DESC }) { totalCount edges { node { reference amount status itemsTotal difference } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query CoherenceProjects { projects { edges { node { name archived statusCounts { status count } rules { name tolerance enabled } reconciliations(first: 5) { totalCount edges { node { reference status } } } } } } }"): (typeof documents)["query CoherenceProjects { projects { edges { node { name archived statusCounts { status count } rules { name tolerance enabled } reconciliations(first: 5) { totalCount edges { node { reference status } } } } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query CoherenceStatusCounts { statusCounts { status count } }"): (typeof documents)["query CoherenceStatusCounts { statusCounts { status count } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query CoherenceReconciliationItems($id: ID!) { node(id: $id) { ... on Reconciliation { amount reference status items(first: 20) { totalCount edges { node { amount description } } } } } }"): (typeof documents)["query CoherenceReconciliationItems($id: ID!) { node(id: $id) { ... on Reconciliation { amount reference status items(first: 20) { totalCount edges { node { amount description } } } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query CoherenceMatchedCount { reconciliations(filter: { status: [MATCHED, PARTIALLY_MATCHED] }) { totalCount } }"): (typeof documents)["query CoherenceMatchedCount { reconciliations(filter: { status: [MATCHED, PARTIALLY_MATCHED] }) { totalCount } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query CoherenceProjectPage($p: ID!) { reconciliations(first: 50, filter: { projectId: $p }) { edges { node { reference amount } } } statusCounts(projectId: $p) { status count } }"): (typeof documents)["query CoherenceProjectPage($p: ID!) { reconciliations(first: 50, filter: { projectId: $p }) { edges { node { reference amount } } } statusCounts(projectId: $p) { status count } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query CoherenceUnarchivedCount { viewer { organization { projects(filter: { archived: false }) { totalCount } } } }"): (typeof documents)["query CoherenceUnarchivedCount { viewer { organization { projects(filter: { archived: false }) { totalCount } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query CoherenceSettings { settings }"): (typeof documents)["query CoherenceSettings { settings }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query CoherenceRule($id: ID!) { node(id: $id) { ... on MatchingRule { name tolerance dateWindowDays enabled } } }"): (typeof documents)["query CoherenceRule($id: ID!) { node(id: $id) { ... on MatchingRule { name tolerance dateWindowDays enabled } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation CoherenceReconciliationCreate($input: ReconciliationInput!) { reconciliationCreate(input: $input) { reconciliation { id } userErrors { code } } }"): (typeof documents)["mutation CoherenceReconciliationCreate($input: ReconciliationInput!) { reconciliationCreate(input: $input) { reconciliation { id } userErrors { code } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation CoherenceReconciliationUpdate($id: ID!, $input: ReconciliationInput!) { reconciliationUpdate(id: $id, input: $input) { userErrors { code } } }"): (typeof documents)["mutation CoherenceReconciliationUpdate($id: ID!, $input: ReconciliationInput!) { reconciliationUpdate(id: $id, input: $input) { userErrors { code } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation CoherenceReconciliationItemsAdd($id: ID!, $items: [ReconciliationItemInput!]!) { reconciliationItemsAdd(reconciliationId: $id, items: $items) { items { id } userErrors { code } } }"): (typeof documents)["mutation CoherenceReconciliationItemsAdd($id: ID!, $items: [ReconciliationItemInput!]!) { reconciliationItemsAdd(reconciliationId: $id, items: $items) { items { id } userErrors { code } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation CoherenceReconciliationItemRemove($id: ID!) { reconciliationItemRemove(id: $id) { userErrors { code } } }"): (typeof documents)["mutation CoherenceReconciliationItemRemove($id: ID!) { reconciliationItemRemove(id: $id) { userErrors { code } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation CoherenceReconciliationStatusSet($id: ID!, $s: ReconciliationStatus!) { reconciliationStatusSet(id: $id, status: $s, reason: \"checked\") { userErrors { code } } }"): (typeof documents)["mutation CoherenceReconciliationStatusSet($id: ID!, $s: ReconciliationStatus!) { reconciliationStatusSet(id: $id, status: $s, reason: \"checked\") { userErrors { code } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation CoherenceReconciliationsMatch($id: ID!) { reconciliationsMatch(projectId: $id) { userErrors { code } } }"): (typeof documents)["mutation CoherenceReconciliationsMatch($id: ID!) { reconciliationsMatch(projectId: $id) { userErrors { code } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation CoherenceReconciliationDelete($id: ID!) { reconciliationDelete(id: $id) { userErrors { code } } }"): (typeof documents)["mutation CoherenceReconciliationDelete($id: ID!) { reconciliationDelete(id: $id) { userErrors { code } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation CoherenceProjectUpdate($id: ID!, $n: String!) { projectUpdate(id: $id, input: { name: $n }) { userErrors { code } } }"): (typeof documents)["mutation CoherenceProjectUpdate($id: ID!, $n: String!) { projectUpdate(id: $id, input: { name: $n }) { userErrors { code } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation CoherenceProjectArchive($id: ID!) { projectArchive(id: $id) { userErrors { code } } }"): (typeof documents)["mutation CoherenceProjectArchive($id: ID!) { projectArchive(id: $id) { userErrors { code } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation CoherenceProjectUnarchive($id: ID!) { projectUnarchive(id: $id) { userErrors { code } } }"): (typeof documents)["mutation CoherenceProjectUnarchive($id: ID!) { projectUnarchive(id: $id) { userErrors { code } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation CoherenceMatchingRuleUpdate($id: ID!, $input: MatchingRuleInput!) { matchingRuleUpdate(id: $id, input: $input) { userErrors { code } } }"): (typeof documents)["mutation CoherenceMatchingRuleUpdate($id: ID!, $input: MatchingRuleInput!) { matchingRuleUpdate(id: $id, input: $input) { userErrors { code } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation CoherenceMatchingRuleCreate($input: MatchingRuleInput!) { matchingRuleCreate(input: $input) { matchingRule { id } userErrors { code } } }"): (typeof documents)["mutation CoherenceMatchingRuleCreate($input: MatchingRuleInput!) { matchingRuleCreate(input: $input) { matchingRule { id } userErrors { code } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation CoherenceSettingsUpdate($s: JSON!) { settingsUpdate(settings: $s) { userErrors { code } } }"): (typeof documents)["mutation CoherenceSettingsUpdate($s: JSON!) { settingsUpdate(settings: $s) { userErrors { code } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query CoherenceProjectNode($id: ID!) { node(id: $id) { ... on Project { name archived } } }"): (typeof documents)["query CoherenceProjectNode($id: ID!) { node(id: $id) { ... on Project { name archived } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query CoherenceArchivedList($s: String!) { projects(first: 100, filter: { archived: true, search: $s }) { edges { node { id } } } }"): (typeof documents)["query CoherenceArchivedList($s: String!) { projects(first: 100, filter: { archived: true, search: $s }) { edges { node { id } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query CoherenceReconciliationNode($id: ID!) { node(id: $id) { ... on Reconciliation { reference amount status } } }"): (typeof documents)["query CoherenceReconciliationNode($id: ID!) { node(id: $id) { ... on Reconciliation { reference amount status } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query CoherenceMatchedList($p: ID!) { reconciliations(first: 100, filter: { projectId: $p, status: [MATCHED] }) { edges { node { id } } } }"): (typeof documents)["query CoherenceMatchedList($p: ID!) { reconciliations(first: 100, filter: { projectId: $p, status: [MATCHED] }) { edges { node { id } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query CoherenceRuleNode($id: ID!) { node(id: $id) { ... on MatchingRule { name enabled } } }"): (typeof documents)["query CoherenceRuleNode($id: ID!) { node(id: $id) { ... on MatchingRule { name enabled } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query CoherenceProjectRules($p: ID!) { node(id: $p) { ... on Project { rules { id enabled } } } }"): (typeof documents)["query CoherenceProjectRules($p: ID!) { node(id: $p) { ... on Project { rules { id enabled } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation CoherenceProjectCreate($n: String!) { projectCreate(input: { name: $n }) { project { id name archived } userErrors { code } } }"): (typeof documents)["mutation CoherenceProjectCreate($n: String!) { projectCreate(input: { name: $n }) { project { id name archived } userErrors { code } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation CoherenceScenarioProjectUpdate($id: ID!, $n: String!) { projectUpdate(id: $id, input: { name: $n }) { project { name archived } userErrors { code } } }"): (typeof documents)["mutation CoherenceScenarioProjectUpdate($id: ID!, $n: String!) { projectUpdate(id: $id, input: { name: $n }) { project { name archived } userErrors { code } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation CoherenceScenarioSettingsUpdate($s: JSON!) { settingsUpdate(settings: $s) { settings userErrors { code } } }"): (typeof documents)["mutation CoherenceScenarioSettingsUpdate($s: JSON!) { settingsUpdate(settings: $s) { settings userErrors { code } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation CoherenceScenarioReconciliationCreate($input: ReconciliationInput!) { reconciliationCreate(input: $input) { reconciliation { id reference amount status } userErrors { code } } }"): (typeof documents)["mutation CoherenceScenarioReconciliationCreate($input: ReconciliationInput!) { reconciliationCreate(input: $input) { reconciliation { id reference amount status } userErrors { code } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation CoherenceScenarioReconciliationDelete($id: ID!) { reconciliationDelete(id: $id) { deletedId userErrors { code } } }"): (typeof documents)["mutation CoherenceScenarioReconciliationDelete($id: ID!) { reconciliationDelete(id: $id) { deletedId userErrors { code } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation CoherenceScenarioReconciliationStatusSet($id: ID!, $s: ReconciliationStatus!) { reconciliationStatusSet(id: $id, status: $s, reason: \"checked\") { reconciliation { reference amount status } userErrors { code } } }"): (typeof documents)["mutation CoherenceScenarioReconciliationStatusSet($id: ID!, $s: ReconciliationStatus!) { reconciliationStatusSet(id: $id, status: $s, reason: \"checked\") { reconciliation { reference amount status } userErrors { code } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation CoherenceScenarioMatchingRuleCreate($input: MatchingRuleInput!) { matchingRuleCreate(input: $input) { matchingRule { id name enabled } userErrors { code } } }"): (typeof documents)["mutation CoherenceScenarioMatchingRuleCreate($input: MatchingRuleInput!) { matchingRuleCreate(input: $input) { matchingRule { id name enabled } userErrors { code } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation CoherenceMatchingRuleDelete($id: ID!) { matchingRuleDelete(id: $id) { deletedId userErrors { code } } }"): (typeof documents)["mutation CoherenceMatchingRuleDelete($id: ID!) { matchingRuleDelete(id: $id) { deletedId userErrors { code } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation CoherenceScenarioMatchingRuleUpdate($id: ID!, $input: MatchingRuleInput!) { matchingRuleUpdate(id: $id, input: $input) { matchingRule { name enabled } userErrors { code } } }"): (typeof documents)["mutation CoherenceScenarioMatchingRuleUpdate($id: ID!, $input: MatchingRuleInput!) { matchingRuleUpdate(id: $id, input: $input) { matchingRule { name enabled } userErrors { code } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query CoherenceViewerEmail { viewer { email } }"): (typeof documents)["query CoherenceViewerEmail { viewer { email } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation CoherenceSessionDelete { sessionDelete { userErrors { code } } }"): (typeof documents)["mutation CoherenceSessionDelete { sessionDelete { userErrors { code } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query CoherenceRecentlyUpdated { reconciliations(first: 10, orderBy: { field: UPDATED_AT, direction: DESC }) { totalCount edges { node { reference amount status } } } }"): (typeof documents)["query CoherenceRecentlyUpdated { reconciliations(first: 10, orderBy: { field: UPDATED_AT, direction: DESC }) { totalCount edges { node { reference amount status } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query CoherenceFirstProjects { projects(first: 5) { totalCount edges { node { name archived } } } }"): (typeof documents)["query CoherenceFirstProjects { projects(first: 5) { totalCount edges { node { name archived } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query CoherenceViewerRole { viewer { email role } }"): (typeof documents)["query CoherenceViewerRole { viewer { email role } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query EdgeList($first: Int) { reconciliations(first: $first) { totalCount edges { node { reference amount } } } }"): (typeof documents)["query EdgeList($first: Int) { reconciliations(first: $first) { totalCount edges { node { reference amount } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query EdgeProjects { projects { edges { node { name } } } }"): (typeof documents)["query EdgeProjects { projects { edges { node { name } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation EdgeProjectUpdate($id: ID!, $name: String!) { projectUpdate(id: $id, input: { name: $name }) { project { name } userErrors { code } } }"): (typeof documents)["mutation EdgeProjectUpdate($id: ID!, $name: String!) { projectUpdate(id: $id, input: { name: $name }) { project { name } userErrors { code } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query EdgeViewer { viewer { email } }"): (typeof documents)["query EdgeViewer { viewer { email } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation EdgeSessionDelete { sessionDelete { userErrors { code } } }"): (typeof documents)["mutation EdgeSessionDelete { sessionDelete { userErrors { code } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query EdgeViewerRole { viewer { email role } }"): (typeof documents)["query EdgeViewerRole { viewer { email role } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation EdgeSessionCreate { sessionCreate(input: { email: \"down@edge.test\", password: \"test-password\" }) { token } }"): (typeof documents)["mutation EdgeSessionCreate { sessionCreate(input: { email: \"down@edge.test\", password: \"test-password\" }) { token } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query FrozenRedisProject($id: ID!) { node(id: $id) { ... on Project { name } } }"): (typeof documents)["query FrozenRedisProject($id: ID!) { node(id: $id) { ... on Project { name } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation FrozenRedisProjectUpdate($id: ID!, $name: String!) { projectUpdate(id: $id, input: { name: $name }) { userErrors { code } } }"): (typeof documents)["mutation FrozenRedisProjectUpdate($id: ID!, $name: String!) { projectUpdate(id: $id, input: { name: $name }) { userErrors { code } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query MatrixEntity($R: ID!) { node(id: $R) { ... on Reconciliation { reference amount status itemsTotal difference } } }"): (typeof documents)["query MatrixEntity($R: ID!) { node(id: $R) { ... on Reconciliation { reference amount status itemsTotal difference } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query MatrixParent($P: ID!) { node(id: $P) { ... on Project { name archived statusCounts { status count } reconciliations { totalCount edges { node { reference status } } } rules { name tolerance enabled } } } }"): (typeof documents)["query MatrixParent($P: ID!) { node(id: $P) { ... on Project { name archived statusCounts { status count } reconciliations { totalCount edges { node { reference status } } } rules { name tolerance enabled } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query MatrixList($P: ID!) { reconciliations(filter: { projectId: $P }) { totalCount edges { node { id reference amount status } } } }"): (typeof documents)["query MatrixList($P: ID!) { reconciliations(filter: { projectId: $P }) { totalCount edges { node { id reference amount status } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query MatrixCounts($P: ID!) { statusCounts(projectId: $P) { status count } }"): (typeof documents)["query MatrixCounts($P: ID!) { statusCounts(projectId: $P) { status count } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query MatrixEmptyList($E: ID!) { reconciliations(filter: { projectId: $E }) { totalCount edges { node { reference } } } }"): (typeof documents)["query MatrixEmptyList($E: ID!) { reconciliations(filter: { projectId: $E }) { totalCount edges { node { reference } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query MatrixItems($R: ID!) { node(id: $R) { ... on Reconciliation { items { totalCount edges { node { amount } } } } } }"): (typeof documents)["query MatrixItems($R: ID!) { node(id: $R) { ... on Reconciliation { items { totalCount edges { node { amount } } } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query MatrixProjects { projects { totalCount edges { node { name archived } } } }"): (typeof documents)["query MatrixProjects { projects { totalCount edges { node { name archived } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query MatrixSettings { settings }"): (typeof documents)["query MatrixSettings { settings }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query MatrixOrgCounts { statusCounts { status count } }"): (typeof documents)["query MatrixOrgCounts { statusCounts { status count } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query MatrixRule($K: ID!) { node(id: $K) { ... on MatchingRule { name tolerance enabled } } }"): (typeof documents)["query MatrixRule($K: ID!) { node(id: $K) { ... on MatchingRule { name tolerance enabled } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation MatrixProjectCreate { projectCreate(input: { name: \"Another\" }) { userErrors { code } } }"): (typeof documents)["mutation MatrixProjectCreate { projectCreate(input: { name: \"Another\" }) { userErrors { code } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation MatrixProjectUpdate($P: ID!) { projectUpdate(id: $P, input: { name: \"Renamed\" }) { userErrors { code } } }"): (typeof documents)["mutation MatrixProjectUpdate($P: ID!) { projectUpdate(id: $P, input: { name: \"Renamed\" }) { userErrors { code } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation MatrixProjectArchive($P: ID!) { projectArchive(id: $P) { userErrors { code } } }"): (typeof documents)["mutation MatrixProjectArchive($P: ID!) { projectArchive(id: $P) { userErrors { code } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation MatrixProjectUnarchive($P: ID!) { projectUnarchive(id: $P) { userErrors { code } } }"): (typeof documents)["mutation MatrixProjectUnarchive($P: ID!) { projectUnarchive(id: $P) { userErrors { code } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation MatrixReconciliationCreateIntoEmpty($E: ID!) { reconciliationCreate(input: { projectId: $E, reference: \"NEW\", amount: \"5.00\", currency: \"EUR\" }) { userErrors { code } } }"): (typeof documents)["mutation MatrixReconciliationCreateIntoEmpty($E: ID!) { reconciliationCreate(input: { projectId: $E, reference: \"NEW\", amount: \"5.00\", currency: \"EUR\" }) { userErrors { code } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation MatrixReconciliationCreate($P: ID!) { reconciliationCreate(input: { projectId: $P, reference: \"NEW\", amount: \"5.00\", currency: \"EUR\" }) { userErrors { code } } }"): (typeof documents)["mutation MatrixReconciliationCreate($P: ID!) { reconciliationCreate(input: { projectId: $P, reference: \"NEW\", amount: \"5.00\", currency: \"EUR\" }) { userErrors { code } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation MatrixReconciliationUpdate($R: ID!) { reconciliationUpdate(id: $R, input: { amount: \"99.00\" }) { userErrors { code } } }"): (typeof documents)["mutation MatrixReconciliationUpdate($R: ID!) { reconciliationUpdate(id: $R, input: { amount: \"99.00\" }) { userErrors { code } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation MatrixReconciliationMove($R: ID!, $E: ID!) { reconciliationUpdate(id: $R, input: { projectId: $E }) { userErrors { code } } }"): (typeof documents)["mutation MatrixReconciliationMove($R: ID!, $E: ID!) { reconciliationUpdate(id: $R, input: { projectId: $E }) { userErrors { code } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation MatrixReconciliationDelete($R: ID!) { reconciliationDelete(id: $R) { userErrors { code } } }"): (typeof documents)["mutation MatrixReconciliationDelete($R: ID!) { reconciliationDelete(id: $R) { userErrors { code } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation MatrixReconciliationItemsAdd($R: ID!) { reconciliationItemsAdd(reconciliationId: $R, items: [{ amount: \"1.00\" }]) { userErrors { code } } }"): (typeof documents)["mutation MatrixReconciliationItemsAdd($R: ID!) { reconciliationItemsAdd(reconciliationId: $R, items: [{ amount: \"1.00\" }]) { userErrors { code } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation MatrixReconciliationItemRemove($I: ID!) { reconciliationItemRemove(id: $I) { userErrors { code } } }"): (typeof documents)["mutation MatrixReconciliationItemRemove($I: ID!) { reconciliationItemRemove(id: $I) { userErrors { code } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation MatrixReconciliationStatusSet($R: ID!) { reconciliationStatusSet(id: $R, status: UNMATCHED, reason: \"by hand\") { userErrors { code } } }"): (typeof documents)["mutation MatrixReconciliationStatusSet($R: ID!) { reconciliationStatusSet(id: $R, status: UNMATCHED, reason: \"by hand\") { userErrors { code } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation MatrixReconciliationsMatch($P: ID!) { reconciliationsMatch(projectId: $P) { userErrors { code } } }"): (typeof documents)["mutation MatrixReconciliationsMatch($P: ID!) { reconciliationsMatch(projectId: $P) { userErrors { code } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation MatrixMatchingRuleCreate($P: ID!) { matchingRuleCreate(input: { projectId: $P, name: \"Loose\", tolerance: \"2.00\" }) { userErrors { code } } }"): (typeof documents)["mutation MatrixMatchingRuleCreate($P: ID!) { matchingRuleCreate(input: { projectId: $P, name: \"Loose\", tolerance: \"2.00\" }) { userErrors { code } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation MatrixMatchingRuleUpdate($K: ID!) { matchingRuleUpdate(id: $K, input: { tolerance: \"3.00\", enabled: false }) { userErrors { code } } }"): (typeof documents)["mutation MatrixMatchingRuleUpdate($K: ID!) { matchingRuleUpdate(id: $K, input: { tolerance: \"3.00\", enabled: false }) { userErrors { code } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation MatrixMatchingRuleDelete($K: ID!) { matchingRuleDelete(id: $K) { userErrors { code } } }"): (typeof documents)["mutation MatrixMatchingRuleDelete($K: ID!) { matchingRuleDelete(id: $K) { userErrors { code } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation MatrixSettingsUpdate { settingsUpdate(settings: { theme: \"dark\" }) { userErrors { code } } }"): (typeof documents)["mutation MatrixSettingsUpdate { settingsUpdate(settings: { theme: \"dark\" }) { userErrors { code } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation MatrixSessionDelete { sessionDelete { userErrors { code } } }"): (typeof documents)["mutation MatrixSessionDelete { sessionDelete { userErrors { code } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation BypassProjectArchive($id: ID!) { projectArchive(id: $id) { project { id archived } userErrors { code } } }"): (typeof documents)["mutation BypassProjectArchive($id: ID!) { projectArchive(id: $id) { project { id archived } userErrors { code } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation BypassProjectUnarchive($id: ID!) { projectUnarchive(id: $id) { project { id archived } userErrors { code } } }"): (typeof documents)["mutation BypassProjectUnarchive($id: ID!) { projectUnarchive(id: $id) { project { id archived } userErrors { code } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation BypassProjectUpdate($id: ID!, $name: String!) { projectUpdate(id: $id, input: { name: $name }) { project { name } userErrors { code } } }"): (typeof documents)["mutation BypassProjectUpdate($id: ID!, $name: String!) { projectUpdate(id: $id, input: { name: $name }) { project { name } userErrors { code } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query BypassProject($id: ID!) { node(id: $id) { ... on Project { name archived } } }"): (typeof documents)["query BypassProject($id: ID!) { node(id: $id) { ... on Project { name archived } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation BypassSettingsUpdate($s: JSON!) { settingsUpdate(settings: $s) { settings userErrors { code } } }"): (typeof documents)["mutation BypassSettingsUpdate($s: JSON!) { settingsUpdate(settings: $s) { settings userErrors { code } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation BypassReconciliationStatusSet($id: ID!, $s: ReconciliationStatus!) { reconciliationStatusSet(id: $id, status: $s, reason: \"checked\") { reconciliation { status } userErrors { code } } }"): (typeof documents)["mutation BypassReconciliationStatusSet($id: ID!, $s: ReconciliationStatus!) { reconciliationStatusSet(id: $id, status: $s, reason: \"checked\") { reconciliation { status } userErrors { code } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query BypassReconciliation($id: ID!) { node(id: $id) { ... on Reconciliation { reference status } } }"): (typeof documents)["query BypassReconciliation($id: ID!) { node(id: $id) { ... on Reconciliation { reference status } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation BypassProjectCreate($name: String!) { projectCreate(input: { name: $name }) { project { id name } userErrors { code } } }"): (typeof documents)["mutation BypassProjectCreate($name: String!) { projectCreate(input: { name: $name }) { project { id name } userErrors { code } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation BypassReconciliationCreate($input: ReconciliationInput!) { reconciliationCreate(input: $input) { reconciliation { id reference } userErrors { code } } }"): (typeof documents)["mutation BypassReconciliationCreate($input: ReconciliationInput!) { reconciliationCreate(input: $input) { reconciliation { id reference } userErrors { code } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation BypassReconciliationDelete($id: ID!) { reconciliationDelete(id: $id) { deletedId userErrors { code } } }"): (typeof documents)["mutation BypassReconciliationDelete($id: ID!) { reconciliationDelete(id: $id) { deletedId userErrors { code } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation BypassSessionDelete { sessionDelete { userErrors { code } } }"): (typeof documents)["mutation BypassSessionDelete { sessionDelete { userErrors { code } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query BypassViewer { viewer { email } }"): (typeof documents)["query BypassViewer { viewer { email } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query BypassList($first: Int) { reconciliations(first: $first) { totalCount edges { node { reference } } } }"): (typeof documents)["query BypassList($first: Int) { reconciliations(first: $first) { totalCount edges { node { reference } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query BypassCount($first: Int) { reconciliations(first: $first) { totalCount } }"): (typeof documents)["query BypassCount($first: Int) { reconciliations(first: $first) { totalCount } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query BypassSettings { settings }"): (typeof documents)["query BypassSettings { settings }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query OutageReconciliation($id: ID!) { node(id: $id) { ... on Reconciliation { amount itemsTotal items(first: 10) { totalCount } } } }"): (typeof documents)["query OutageReconciliation($id: ID!) { node(id: $id) { ... on Reconciliation { amount itemsTotal items(first: 10) { totalCount } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation OutageReconciliationItemsAdd($id: ID!) { reconciliationItemsAdd(reconciliationId: $id, items: [{ amount: \"1.00\" }]) { userErrors { code } } }"): (typeof documents)["mutation OutageReconciliationItemsAdd($id: ID!) { reconciliationItemsAdd(reconciliationId: $id, items: [{ amount: \"1.00\" }]) { userErrors { code } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query OutageProject($id: ID!) { node(id: $id) { ... on Project { name } } }"): (typeof documents)["query OutageProject($id: ID!) { node(id: $id) { ... on Project { name } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation OutageProjectUpdate($id: ID!, $name: String!) { projectUpdate(id: $id, input: { name: $name }) { userErrors { code } } }"): (typeof documents)["mutation OutageProjectUpdate($id: ID!, $name: String!) { projectUpdate(id: $id, input: { name: $name }) { userErrors { code } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation OutageSessionDelete { sessionDelete { userErrors { code } } }"): (typeof documents)["mutation OutageSessionDelete { sessionDelete { userErrors { code } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ResponseCacheReconciliations { reconciliations(first: 5) { totalCount edges { node { reference amount } } } }"): (typeof documents)["query ResponseCacheReconciliations { reconciliations(first: 5) { totalCount edges { node { reference amount } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ResponseCacheProjects { projects { edges { node { name } } } }"): (typeof documents)["query ResponseCacheProjects { projects { edges { node { name } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ResponseCacheSettings { settings }"): (typeof documents)["query ResponseCacheSettings { settings }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ResponseCacheAuditLogs { auditLogs { totalCount } }"): (typeof documents)["query ResponseCacheAuditLogs { auditLogs { totalCount } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ResponseCacheViewer { viewer { email role } }"): (typeof documents)["query ResponseCacheViewer { viewer { email role } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ResponseCacheViewerEmail { viewer { email } }"): (typeof documents)["query ResponseCacheViewerEmail { viewer { email } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ResponseCacheViewerId { viewer { id } }"): (typeof documents)["query ResponseCacheViewerId { viewer { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ResponseCacheViewerName { viewer { name } }"): (typeof documents)["query ResponseCacheViewerName { viewer { name } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ResponseCacheSessionDelete { sessionDelete { userErrors { code } } }"): (typeof documents)["mutation ResponseCacheSessionDelete { sessionDelete { userErrors { code } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ResponseCacheViewerRole { viewer { role } }"): (typeof documents)["query ResponseCacheViewerRole { viewer { role } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ResponseCacheTypename { __typename }"): (typeof documents)["query ResponseCacheTypename { __typename }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ResponseCacheTtl { reconciliations(first: 1) { totalCount } statusCounts { count } }"): (typeof documents)["query ResponseCacheTtl { reconciliations(first: 1) { totalCount } statusCounts { count } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ResponseCacheSettingsAndViewer { settings viewer { email } }"): (typeof documents)["query ResponseCacheSettingsAndViewer { settings viewer { email } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ResponseCacheSettingsUpdate { settingsUpdate(settings: { v: 2 }) { userErrors { code } } }"): (typeof documents)["mutation ResponseCacheSettingsUpdate { settingsUpdate(settings: { v: 2 }) { userErrors { code } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ResponseCacheSettingsAndProjects { settings projects { totalCount } }"): (typeof documents)["query ResponseCacheSettingsAndProjects { settings projects { totalCount } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ResponseCacheMatchingRuleCreate($id: ID!) { matchingRuleCreate(input: { projectId: $id, name: \"New rule\" }) { userErrors { code } } }"): (typeof documents)["mutation ResponseCacheMatchingRuleCreate($id: ID!) { matchingRuleCreate(input: { projectId: $id, name: \"New rule\" }) { userErrors { code } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ResponseCacheProjectUpdate($id: ID!) { projectUpdate(id: $id, input: { name: \"Renamed\" }) { userErrors { code } } }"): (typeof documents)["mutation ResponseCacheProjectUpdate($id: ID!) { projectUpdate(id: $id, input: { name: \"Renamed\" }) { userErrors { code } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ResponseCacheReconciliationsMatch($id: ID!) { reconciliationsMatch(projectId: $id) { userErrors { code } } }"): (typeof documents)["mutation ResponseCacheReconciliationsMatch($id: ID!) { reconciliationsMatch(projectId: $id) { userErrors { code } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TestAppSignIn($email: String!, $password: String!) {\n    sessionCreate(input: { email: $email, password: $password }) { token userErrors { code message } }\n  }\n"): (typeof documents)["\n  mutation TestAppSignIn($email: String!, $password: String!) {\n    sessionCreate(input: { email: $email, password: $password }) { token userErrors { code message } }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;