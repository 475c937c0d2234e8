-- Argo CD health of a SignedUrlRequest (storage.wasabi-operator.io).
-- Needs only Lua's base library: argocd-cm scripts get no string or math library without useOpenLibs.
local hs = {}

-- "Reason: message": the reason is what the README's condition tables are keyed by.
local function describe(condition)
  local reason = condition.reason
  local message = condition.message
  if reason == nil or reason == "" then
    return message or ""
  end
  if message == nil or message == "" then
    return reason
  end
  return reason .. ": " .. message
end

local status = obj.status
if status == nil then
  hs.status = "Progressing"
  hs.message = "Waiting for the operator to report status"
  return hs
end

-- Conditions written for an older spec say nothing about the current one.
local generation = obj.metadata.generation
local observed = status.observedGeneration
if generation ~= nil and (observed == nil or observed < generation) then
  hs.status = "Progressing"
  hs.message = "Waiting for the operator to observe generation " .. generation
  return hs
end

-- Stalled (kstatus's abnormal-true condition): nothing gets better until a person acts.
if status.conditions ~= nil then
  for _, condition in ipairs(status.conditions) do
    if condition.type == "Stalled" and condition.status == "True" then
      hs.status = "Degraded"
      hs.message = describe(condition)
      return hs
    end
  end
end

local ready = nil
local issuing = nil
if status.conditions ~= nil then
  for _, condition in ipairs(status.conditions) do
    if condition.type == "Ready" and ready == nil then
      ready = condition
    elseif condition.type == "Issuing" and issuing == nil then
      issuing = condition
    end
  end
end

-- Issuing comes first: new URLs are being made, also while Ready stays True during a renewal
-- (the old URL is still valid) and while Ready is still Unknown on a first issuance.
if issuing ~= nil and issuing.status == "True" then
  hs.status = "Progressing"
  hs.message = describe(issuing)
  return hs
end

if ready == nil then
  hs.status = "Progressing"
  hs.message = "Waiting for the Ready condition"
  return hs
end
-- A failing renewal keeps Ready True (the URL in the Secret is still valid) and says so in its message.
if ready.status == "False" then
  hs.status = "Degraded"
elseif ready.status == "True" then
  hs.status = "Healthy"
else
  hs.status = "Progressing"
end
hs.message = describe(ready)
return hs
